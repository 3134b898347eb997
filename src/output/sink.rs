//! The staging folder as the renderer's [`crate::render::Sink`].

use std::io::{self, Write};

use super::{Error, Staging};

impl crate::render::Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        Staging::write(self, path, bytes)
    }

    fn stream(&self, path: &str, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
        Staging::stream(self, path, fill)
    }

    fn reuse(&self, path: &str, key: &crate::render::reuse::RenderKey) -> Result<bool, Error> {
        self.reuse_rendered(path, key)
    }

    fn remember(&self, path: &str, key: crate::render::reuse::RenderKey, len: u64) {
        self.remember_key(path, key, len);
    }

    fn reuse_group(
        &self,
        name: &str,
        key: &crate::render::reuse::RenderKey,
        accept: &mut dyn FnMut(&std::sync::Arc<[u8]>) -> bool,
    ) -> Result<bool, Error> {
        self.reuse_group_files(name, key, accept)
    }

    fn remember_group(&self, name: &str, key: crate::render::reuse::RenderKey, files: Vec<String>, memo: Vec<u8>) {
        Staging::remember_group(self, name, key, files, memo);
    }

    fn replaces_output(&self) -> bool {
        self.previous.has_files()
    }

    fn keeps_memos_in_memory(&self) -> bool {
        self.held.is_some()
    }

    fn memo(&self, key: &crate::render::reuse::RenderKey) -> Option<std::sync::Arc<Vec<u8>>> {
        self.read_memo(key)
    }

    fn keep_memo(&self, key: &crate::render::reuse::RenderKey, memo: &[u8]) {
        self.write_memo(key, memo);
    }
}
