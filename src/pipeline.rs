//! The one orchestrator: load → validate → site → render → output.
