//! Tests of the inverted index.
use super::*;

fn decode(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut v, mut shift) = (0u32, 0);
    for &b in bytes {
        v |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b < 0x80 {
            out.push(v);
            (v, shift) = (0, 0);
        }
    }
    out
}

fn fields<'a>(title: &'a str, ids: &str, body: &str) -> Fields<'a> {
    Fields { title, ids: ids.into(), body: body.into() }
}

#[test]
fn varints_round_trip() {
    let mut out = Vec::new();
    for v in [0, 1, 127, 128, 300, IDS_BASE, BODY_BASE + 7, u32::MAX] {
        varint(&mut out, v);
    }
    assert_eq!(decode(&out), vec![0, 1, 127, 128, 300, IDS_BASE, BODY_BASE + 7, u32::MAX]);
}

#[test]
fn normalize_folds_case_and_full_width() {
    let s: String = "QL－２０２６　Ａｂ".chars().map(normalize).collect();
    assert_eq!(s, "ql-2026 ab");
    assert!(is_gap(normalize('\u{3000}')));
}

#[test]
fn pairs_carry_field_positions_and_do_not_span_gaps() {
    let mut b = Builder::default();
    b.add(&fields("茶叶 茶叶", "QL-1", "种茶叶"));
    b.add(&fields("道路", "", "茶叶"));
    let tea = &b.pairs[&('茶', '叶')].bytes;
    // Record 0: three hits, at 0, 3 (title) and BODY_BASE + 1; record 1: one, in the body.
    assert_eq!(decode(tea), vec![1, 3, 0, 3, BODY_BASE + 1 - 3, 1, 1, BODY_BASE]);
    assert!(!b.pairs.contains_key(&('叶', '茶')), "a pair spanned the space");
    assert_eq!(decode(&b.pairs[&('q', 'l')].bytes), vec![1, 1, IDS_BASE]);
    // Single characters: record delta, then the fields byte.
    assert_eq!(decode(&b.singles[&'茶'].bytes), vec![1, 1 | 4, 1, 4]);
    assert_eq!(decode(&b.singles[&'道'].bytes), vec![2, 1]);
}

#[test]
fn shards_are_sorted_and_stable() {
    let mut b = Builder::default();
    b.add(&fields("青岭县白岩村茶叶加工厂", "QL-2026-0001", "建设内容"));
    let terms = b.into_shards(1);
    let names: Vec<&str> = terms.iter().map(|t| t.1.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    // FNV-1a of "a" is 0xe40c292c (the FNV reference value).
    assert_eq!(shard_of("a", 1 << 14), 0x292c);
}

#[test]
fn secondary_postings_merged_after_the_primary_ones_equal_one_pass() {
    let records = [
        fields("茶叶加工厂", "QL-1", "种茶叶 修道路"),
        fields("道路硬化", "QL-2", "茶叶运输"),
        fields("茶叶公示", "", "茶叶 公示期"),
        fields("道路公示", "QL-2", "道路"),
        fields("茶叶公示二", "", "茶"),
    ];
    // Records 0 and 1 are primary, 2..5 secondary, added interleaved.
    let mut one = Builder::default();
    for r in &records {
        one.add(r);
    }
    let (mut primary, mut secondary) = (Builder::default(), Builder::starting_at(2));
    secondary.add(&records[2]);
    primary.add(&records[0]);
    secondary.add(&records[3]);
    primary.add(&records[1]);
    secondary.add(&records[4]);
    assert_eq!(primary.merge(secondary).into_shards(1), one.into_shards(1));
    // A term only in the secondary records starts from record −1 as usual.
    let only = {
        let mut s = Builder::starting_at(3);
        s.add(&fields("公示", "", ""));
        Builder::default().merge(s).into_shards(1)
    };
    let pair = only.iter().find(|(_, t, _)| t == "公示").unwrap();
    assert_eq!(decode(&pair.2)[0], 4, "record 3 is coded as 3 − (−1)");
}

/// Files written into memory, sorted by path when taken; with the memos
/// and render keys of an earlier run, as the output keeps them.
#[derive(Default)]
struct Files {
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
    memos: std::sync::Mutex<HashMap<RenderKey, Vec<u8>>>,
    /// Path → key and bytes: the last run's, and this one's.
    last: HashMap<String, (RenderKey, Vec<u8>)>,
    keys: std::sync::Mutex<HashMap<String, RenderKey>>,
    /// Memos used and kept, files put in place unwritten.
    used: std::sync::atomic::AtomicUsize,
    kept: std::sync::atomic::AtomicUsize,
    reused: std::sync::Mutex<Vec<String>>,
}

impl Sink for Files {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        self.files.lock().unwrap().push((path.to_owned(), bytes.to_vec()));
        Ok(())
    }

    fn reuse(&self, path: &str, key: &RenderKey) -> Result<bool, Error> {
        match self.last.get(path).filter(|(k, _)| k == key) {
            Some((_, bytes)) => {
                self.reused.lock().unwrap().push(path.to_owned());
                self.write(path, bytes)?;
                self.remember(path, *key, bytes.len() as u64);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn remember(&self, path: &str, key: RenderKey, _len: u64) {
        self.keys.lock().unwrap().insert(path.to_owned(), key);
    }

    fn memo(&self, key: &RenderKey) -> Option<std::sync::Arc<Vec<u8>>> {
        let memo = self.memos.lock().unwrap().get(key).cloned().map(std::sync::Arc::new);
        if memo.is_some() {
            self.used.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        memo
    }

    fn keep_memo(&self, key: &RenderKey, memo: &[u8]) {
        self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.memos.lock().unwrap().insert(*key, memo.to_vec());
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let mut bytes = Vec::new();
        fill(&mut bytes).unwrap();
        self.write(path, &bytes)
    }
}

impl Files {
    /// A sink that has what `earlier` kept: its memos and keyed files.
    fn after(earlier: &Files) -> Files {
        let files: HashMap<String, Vec<u8>> = earlier.files.lock().unwrap().iter().cloned().collect();
        let last = earlier.keys.lock().unwrap().iter().map(|(p, k)| (p.clone(), (*k, files[p].clone()))).collect();
        Files { memos: std::sync::Mutex::new(earlier.memos.lock().unwrap().clone()), last, ..Files::default() }
    }

    fn count(n: &std::sync::atomic::AtomicUsize) -> usize {
        n.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn sorted(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.files.lock().unwrap().clone();
        files.sort();
        files
    }
}

#[test]
fn records_added_in_parallel_batches_give_the_index_of_one_by_one() {
    let words = ["茶叶", "道路", "白岩村", "合作社", "QL-2026", "公示期", "大棚", "饮水"];
    let arrivals = || {
        (0..700u32).map(move |i| {
            let w = |k: u32| words[((i * 7 + k * 3) % words.len() as u32) as usize];
            let r = Record {
                url: format!("projects/QL-{i}/"),
                title: format!("{}{}项目{i}", w(1), w(2)),
                ids: vec![format!("QL-{i}")],
                text: vec![format!("{} {} {}", w(3), w(4), w(5)), "第二段".repeat((i % 4) as usize)],
                kind: if i % 3 == 0 { "公示" } else { "项目" },
                county: vec![["青岭县", "白云县"][(i % 2) as usize].to_owned()],
                year: vec![format!("{}", 2024 + i % 3)],
                secondary: i % 3 == 0,
                ..Record::default()
            };
            if r.secondary { Arrival::Secondary(r) } else { Arrival::Primary(r) }
        })
    };
    let primaries = arrivals().filter(|a| matches!(a, Arrival::Primary(_))).count();
    let one = Files::default();
    let mut index = Index::new(primaries, &one, None);
    for a in arrivals() {
        index.add(a).unwrap();
    }
    index.finish().unwrap();
    let one = one.sorted();
    assert!(one.len() > 10, "rows, terms and filters are written");
    // Batches of uneven sizes, as the renderer's batches of projects are,
    // each under its key (here its place and size); the groups and cases
    // come one by one after them.
    let sizes = [1, 250, 3, 300, 140];
    let batches = |sink: &Files, keys: &[RenderKey]| {
        let mut index = Index::new(primaries, sink, Some([7; 32]));
        let mut all = arrivals();
        for (size, key) in sizes.into_iter().zip(keys) {
            let batch: Vec<Arrival> = all.by_ref().take(size).collect();
            index.add_all(|| Ok(batch), sink.memo(key), Some(*key)).unwrap();
        }
        for a in all {
            index.add(a).unwrap();
        }
        index.finish().unwrap();
    };
    let keys: Vec<RenderKey> =
        sizes.iter().enumerate().map(|(n, &size)| [n as u8, size as u8, 1, 1].repeat(8).try_into().unwrap()).collect();
    let first = Files::default();
    batches(&first, &keys);
    assert_eq!(Files::count(&first.kept), sizes.len(), "every new batch is kept");
    assert!(first.sorted() == one, "the batched index differs from the one built record by record");
    // Built again from what was kept: the same files, every batch and shard
    // reused, and every record file but those holding a record added one by
    // one (the last primary and secondary ones).
    let again = Files::after(&first);
    batches(&again, &keys);
    assert_eq!((Files::count(&again.used), Files::count(&again.kept)), (sizes.len(), 0));
    let batched: usize = sizes.iter().sum();
    let mut numbers = [0, primaries];
    let mut unbatched = std::collections::BTreeSet::new();
    for (n, a) in arrivals().enumerate() {
        let part = usize::from(matches!(a, Arrival::Secondary(_)));
        if n >= batched {
            unbatched.insert(format!("{DIR}r/{}.js", numbers[part] / CHUNK));
        }
        numbers[part] += 1;
    }
    let written = |prefix: &str| one.iter().filter(|(p, _)| p.starts_with(&format!("{DIR}{prefix}"))).count();
    let reused = again.reused.lock().unwrap().clone();
    let reused_of = |prefix: &str| reused.iter().filter(|p| p.starts_with(&format!("{DIR}{prefix}"))).count();
    assert_eq!(reused_of("t/"), written("t/"), "a shard was written again with nothing changed");
    assert!(!unbatched.is_empty() && unbatched.len() < written("r/"));
    assert_eq!(reused_of("r/"), written("r/") - unbatched.len(), "record files reused: {reused:?}");
    assert!(reused.iter().all(|p| !unbatched.contains(p)), "a record file of unbatched records was reused");
    assert!(again.sorted() == one, "the index from kept batches differs");
    // One batch new (another key): only it is indexed and kept; the rest
    // is reused, and the files are the same.
    let mut one_new = keys.clone();
    one_new[3][0] = 99;
    let edited = Files::after(&again);
    batches(&edited, &one_new);
    assert_eq!((Files::count(&edited.used), Files::count(&edited.kept)), (sizes.len() - 1, 1));
    assert!(edited.reused.lock().unwrap().len() < reused.len(), "the new batch's record files were reused");
    assert!(edited.sorted() == one, "a batch indexed again beside kept ones differs");
    // A damaged memo is not used: that batch is indexed again.
    let damaged = Files::after(&first);
    for memo in damaged.memos.lock().unwrap().values_mut().filter(|m| m.len() > 100).take(1) {
        memo.truncate(memo.len() / 2);
    }
    batches(&damaged, &keys);
    assert_eq!(Files::count(&damaged.kept), 1, "the damaged memo was used");
    assert!(damaged.sorted() == one, "the index differs after a damaged memo");
}

#[test]
fn records_added_as_a_keyed_batch_are_reused_until_they_change() {
    let records = |word: &'static str| {
        (0..30u32).map(move |i| {
            Arrival::Primary(Record {
                url: format!("cases/c{i}/"),
                title: format!("{word}案例{i}"),
                text: vec![format!("{word}{}", "产业".repeat(i as usize % 5))],
                kind: "典型案例",
                ..Record::default()
            })
        })
    };
    let one_by_one = |word| {
        let sink = Files::default();
        let mut index = Index::new(30, &sink, None);
        for a in records(word) {
            index.add(a).unwrap();
        }
        index.finish().unwrap();
        sink.sorted()
    };
    let keyed = |sink: &Files, word| {
        let mut index = Index::new(30, sink, Some([3; 32]));
        index.add_keyed(records(word).collect()).unwrap();
        index.finish().unwrap();
    };
    let first = Files::default();
    keyed(&first, "茶叶");
    assert_eq!((Files::count(&first.used), Files::count(&first.kept)), (0, 1));
    assert!(first.sorted() == one_by_one("茶叶"), "a keyed batch differs from its records added one by one");
    let again = Files::after(&first);
    keyed(&again, "茶叶");
    assert_eq!((Files::count(&again.used), Files::count(&again.kept)), (1, 0), "unchanged records were indexed again");
    assert!(again.sorted() == one_by_one("茶叶"));
    let changed = Files::after(&first);
    keyed(&changed, "道路");
    assert_eq!((Files::count(&changed.used), Files::count(&changed.kept)), (0, 1), "changed records used the memo");
    assert!(changed.sorted() == one_by_one("道路"));
}
