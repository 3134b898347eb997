//! Views that stand in a page's render key by their digest (摘要代入).
//!
//! A page's render key is the SHA-256 of its view serialized as JSON
//! (`render::reuse::BuildKey::page`), made for every page on every build to
//! know which need rendering. A project's list row appears on up to six
//! list pages (all projects, by year, by type, the county's 公告, its
//! township, its group), so at 10,000 projects keying the lists serialized
//! 60,000 rows on every rebuild: two thirds of the keys' time, and a tenth
//! of a rebuild under `serve`. A [`Keyed`] view is serialized once, when it
//! is made, and while keys are made ([`keying`]) it serializes as that
//! serialization's digest: equal digests, equal JSON, so a page's key still
//! changes exactly when its JSON does.
//!
//! The switch is a flag of the thread making the key, not a serializer of
//! its own: serde gives a type no way to tell which serializer it is given,
//! and a second serializer for keys alone would be a copy of serde_json's.

use std::cell::Cell;
use std::io::Write;
use std::ops::Deref;

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

thread_local! {
    /// Whether this thread is making a render key now.
    static KEYING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `make` (which serializes a page for its render key) with every
/// [`Keyed`] view serializing as its digest.
pub fn keying<R>(make: impl FnOnce() -> R) -> R {
    /// Puts the flag back however `make` ends.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            KEYING.with(|k| k.set(self.0));
        }
    }
    let _reset = Reset(KEYING.with(|k| k.replace(true)));
    make()
}

/// A view with the digest of its JSON.
#[derive(Debug, Clone)]
pub struct Keyed<T> {
    value: T,
    digest: [u8; 32],
}

impl<T: Serialize> Keyed<T> {
    /// `value`, serialized once for its digest.
    pub fn new(value: T) -> Keyed<T> {
        let mut hasher = Sha256::new();
        // The hasher sees blocks, not every small write of the serializer.
        let mut w = std::io::BufWriter::with_capacity(1024, HashWriter(&mut hasher));
        // A view that cannot be serialized fails its page's render, which
        // reports why; its digest is then of what was written before.
        let _ = serde_json::to_writer(&mut w, &value);
        let _ = w.flush();
        drop(w);
        Keyed { value, digest: hasher.finalize().into() }
    }
}

impl<T> Deref for Keyed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if KEYING.with(Cell::get) {
            // As hex text, not bytes: serde_json writes bytes as an array of
            // numbers, one formatted number and comma per byte, which was 3%
            // of a rebuild's CPU under `serve` with a row digest on every
            // line of every list page.
            let hex = crate::hex::digest(&self.digest);
            serializer.serialize_str(std::str::from_utf8(&hex).unwrap_or_default())
        } else {
            self.value.serialize(serializer)
        }
    }
}

/// Feeds what is written into a hasher.
struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        n: u32,
    }

    #[derive(Serialize)]
    struct List {
        rows: Vec<Keyed<Row>>,
    }

    fn key(list: &List) -> String {
        keying(|| serde_json::to_string(list).unwrap())
    }

    #[test]
    fn a_keyed_view_is_its_json_to_templates_and_its_digest_to_keys() {
        let list = List { rows: vec![Keyed::new(Row { name: "甲", n: 1 }), Keyed::new(Row { name: "乙", n: 2 })] };
        assert_eq!(serde_json::to_string(&list).unwrap(), r#"{"rows":[{"name":"甲","n":1},{"name":"乙","n":2}]}"#);
        let keyed = key(&list);
        assert!(!keyed.contains('甲'), "{keyed}");
        // Outside `keying` the flag is off again.
        assert!(serde_json::to_string(&list).unwrap().contains('甲'));
        // The key changes with any field of any row, and only then.
        let same = List { rows: vec![Keyed::new(Row { name: "甲", n: 1 }), Keyed::new(Row { name: "乙", n: 2 })] };
        assert_eq!(key(&same), keyed);
        let other = List { rows: vec![Keyed::new(Row { name: "甲", n: 1 }), Keyed::new(Row { name: "乙", n: 3 })] };
        assert_ne!(key(&other), keyed);
    }

    #[test]
    fn the_flag_is_put_back_when_making_a_key_panics() {
        let caught = std::panic::catch_unwind(|| keying(|| panic!("a view failed")));
        assert!(caught.is_err());
        let row = Keyed::new(Row { name: "甲", n: 1 });
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"name":"甲","n":1}"#);
    }
}
