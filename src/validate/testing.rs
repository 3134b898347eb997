//! Builders for rule tests.
