//! Loading: walk `content/`, parse each file, convert to typed records.
pub(crate) mod reader;
pub(crate) mod yaml;
