//! Formatting, one chunk (an item or a few) at a time, with a cache of earlier runs.
//!
//! A generated file is a header and a list of chunks. Each chunk is formatted on its own
//! (prettyplease over the chunk as a file) and the file is their concatenation, so a chunk's
//! text is a function of its tokens alone: a chunk whose tokens an earlier run formatted is
//! taken from the cache, and an incremental run gives the bytes of a full one by construction.
//! Chunks are formatted where they are made, in parallel (unless the cache holds them); the
//! order of the output is the order of the chunks whatever the thread count.
//!
//! Why: emission was 87% of a codegen run on the English corpus (the report run 0.35 s of
//! 2.7 s), syn's parse of the tokens the largest part of it. A chunk is an item, or an item and
//! its `impl` (a model, an enum, a body struct, an `OperationInfo` constant, a step type, a
//! test); it is made, hashed (the BLAKE3 of its tokens' text) and, unless the cache holds it,
//! parsed by syn from its tokens as made (tokens are not `Send`, so a chunk is formatted on the
//! thread that made it, which also saves lexing its text again) and formatted. prettyplease
//! prints a file's items one after the other, so the concatenation is byte for byte the
//! whole-file formatting (checked on every corpus when introduced; a unit test keeps it).
//!
//! The cache: `cargo xtask codegen` keeps one per output folder in `target/docgen/`, keyed by the
//! BLAKE3 of each chunk's tokens, holding this run's chunks only (postcard; written from the
//! files' text, `Emitted::cache_bytes`, not from a second copy of every chunk). A cache of
//! another formatter (another generator version, or a syn or prettyplease that prints a sample
//! differently) is not used; `--no-cache` skips it. `tests/tests/incremental.rs` holds the output
//! to a full run's, byte for byte (an edit sequence and the six-month update of the mail area;
//! one thread vs four).
//!
//! Chunks keyed by their inputs (`memo`): every chunk of an item (models, enums, bodies, info
//! constants, step types with their extension traits, tests, documented examples) also has the
//! key of what it is made from, the skeleton of the API (names and shapes, decided across all
//! of it) and its own items whole. The cache maps that key to the key of the chunk's tokens
//! (`memo_chunk`; a step type's chunks, in several crates, as a group: `memo_group`), so a chunk
//! whose inputs did not change is neither made nor formatted. With `EmitOptions::audit` (the
//! incremental tests) each such chunk is made anyway and compared.
//!
//! What is not incremental: every page is read and hashed (the lock's hashes then name the pages
//! that changed) and modelled again, because the vocabulary is learned from all pages and a page
//! can change the type of another's property; the previous release is read back and floored;
//! the plan is made again; an edit of a name or a shape (the skeleton) makes every chunk again,
//! as a run without the memo does; the files are compared with the disk and the cache written.
//! Measured (`cargo xtask bench`, English 2021, the descriptions of `resources/enums.md`
//! edited): one changed page costs 0.55 of the whole codegen (875 of 1,592 ms; 0.84 before the
//! memo; 0.74 while the bench's edit also renamed the members of one-cell enum tables, which
//! makes every chunk again); 11,662 of 11,806 chunks are neither built nor formatted. Of the
//! one-page run (one instrumented run): the report run ~0.33 s (0.18 of the whole on its own),
//! the previous crate and cache read 0.07 s, the API's clone 0.035 s, the floor 0.06 s, the plan
//! 0.185 s (the memo's digest, 0.12 s, beside it), the chunks 0.09 s, the tests, facade and JSON
//! files 0.09 s, writing 0.07-0.2 s (the 23 MB cache is written whole).

use super::options::EmitError;
use crate::plan::crates::Home;
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::collections::HashMap;

/// The key of a chunk: the BLAKE3 hash of its tokens as text. A cryptographic hash, because the
/// tokens carry doc text: a page must not be able to make its chunk collide with another one.
pub(crate) type Key = [u8; 32];

/// Formatted chunks of a run, by the hash of their tokens: what the next run need not format
/// again. Read and written by [`crate::output::write::read_cache`] and [`crate::output::write::write_cache`].
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormatCache {
    /// The formatter this cache was made with ([`formatter_id`]): a cache of another formatter
    /// is not used.
    formatter: String,
    entries: HashMap<Key, String>,
    /// The key of each chunk's tokens by the key of its inputs (`memo`): a chunk whose inputs
    /// are here is not made again.
    inputs: HashMap<Key, Key>,
    /// The same for items made of several chunks in several crates (a step type and the
    /// extension traits of its calls): the crate and tokens' key of each chunk.
    groups: HashMap<Key, Group>,
}

/// The chunks of one item of several (`memo_group`): each one's crate and the key of its tokens.
pub(crate) type Group = Vec<(Home, Key)>;

impl FormatCache {
    /// An empty cache of this formatter.
    pub fn new() -> FormatCache {
        FormatCache {
            formatter: formatter_id(),
            entries: HashMap::new(),
            inputs: HashMap::new(),
            groups: HashMap::new(),
        }
    }

    /// The formatted chunks it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no chunk.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cache as bytes, for a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// A cache read back from [`FormatCache::to_bytes`]; an unreadable one, or one of another
    /// formatter, is empty (a cache only ever saves time).
    pub fn from_bytes(bytes: &[u8]) -> FormatCache {
        match postcard::from_bytes::<FormatCache>(bytes) {
            Ok(cache) if cache.formatter == formatter_id() => cache,
            _ => FormatCache::new(),
        }
    }

    fn get(&self, key: &Key) -> Option<&String> {
        if self.formatter == formatter_id() {
            self.entries.get(key)
        } else {
            None
        }
    }

    /// The key of the tokens of the chunk made from `input`, when this cache holds its text.
    fn made_from(&self, input: &Key) -> Option<Key> {
        let key = self.inputs.get(input)?;
        self.get(key).map(|_| *key)
    }

    /// The chunks of the item made from `input`, when this cache holds the text of each.
    fn group_made_from(&self, input: &Key) -> Option<&Group> {
        let group = self.groups.get(input)?;
        group
            .iter()
            .all(|(_, key)| self.get(key).is_some())
            .then_some(group)
    }
}

/// What formatting cost: chunks formatted, and chunks taken from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FormatStats {
    /// Chunks formatted in this run.
    pub formatted: usize,
    /// Chunks whose text came from the cache.
    pub reused: usize,
    /// Of those, the chunks whose tokens were not made either: the cache held what they are
    /// made from (`memo`).
    pub skipped: usize,
}

/// Who formats: the generator's version and the text it makes of a sample of the constructs
/// it emits, so that a new formatter (a syn or prettyplease update) does not reuse the text of
/// an old one.
pub(crate) fn formatter_id() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let sample = quote::quote! {
            //! Sample.
            #[cfg(any(feature = "a", feature = "b"))]
            #[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
            #[serde(rename_all = "camelCase")]
            pub struct Sample<'a> { #[doc = "Doc."] pub field: Option<Vec<String>>, x: &'a str }
            impl<'a> Sample<'a> {
                pub fn call(&self, id: &str) -> crate::Call<Self> where Self: Sized {
                    let v = [1, 2, 3].iter().map(|x| x * 2).collect::<Vec<_>>();
                    match v.len() { 0 => todo!(), n if n > 2 => { self.go(&[id]) } _ => unreachable!("{}", v.len()) }
                }
            }
            #[tokio::test]
            async fn sample() { let s = serde_json::json!({ "a": [1, "b", null] }); assert_eq!(s, s, "text"); }
        };
        let text = syn::parse2::<syn::File>(sample)
            .map(|f| prettyplease::unparse(&f))
            .unwrap_or_default();
        format!(
            "codegen {} {}",
            env!("CARGO_PKG_VERSION"),
            blake3::hash(text.as_bytes()).to_hex()
        )
    })
    .clone()
}

/// A chunk: the key of its tokens, and its text when the previous run's cache did not hold it
/// (or why its tokens are no Rust file: a generator bug).
#[derive(Debug)]
pub(crate) struct Chunk {
    key: Key,
    /// The key of what it is made from, when the memo keys it (`memo`).
    input: Option<Key>,
    /// Whether the memo had it (its tokens are made only to audit the memo).
    hit: bool,
    formatted: Result<Option<String>, Fault>,
}

/// Why a chunk has no text: its tokens are no Rust file, or (`EmitOptions::audit`) they differ
/// from those the memo holds for its inputs. Both are generator bugs.
#[derive(Debug)]
enum Fault {
    Invalid(String),
    Stale(String),
}

/// One chunk, formatted where it is made (tokens are not `Send`, and parsing them as made
/// saves printing and lexing them again), unless `old` holds it.
pub(crate) fn chunk(old: &FormatCache, tokens: TokenStream) -> Chunk {
    let key = *blake3::hash(tokens.to_string().as_bytes()).as_bytes();
    if old.get(&key).is_some() {
        return Chunk {
            key,
            input: None,
            hit: false,
            formatted: Ok(None),
        };
    }
    // The text is kept until its file is written (and in the next run's cache): without the
    // slack of the printer's growth.
    let formatted = syn::parse2::<syn::File>(tokens)
        .map(|file| {
            let mut text = prettyplease::unparse(&file);
            text.shrink_to_fit();
            Some(text)
        })
        .map_err(|e| Fault::Invalid(e.to_string()));
    Chunk {
        key,
        input: None,
        hit: false,
        formatted,
    }
}

/// The chunk made from `input` (`memo::Memo::key`): taken from `old` without making its tokens
/// when `old` holds it, else made by `make` and formatted as [`chunk`] does. With `audit`, a
/// chunk `old` holds is made anyway, and differing tokens are a fault.
pub(crate) fn memo_chunk(
    old: &FormatCache,
    input: Key,
    audit: bool,
    make: impl FnOnce() -> TokenStream,
) -> Chunk {
    let Some(key) = old.made_from(&input) else {
        return Chunk {
            input: Some(input),
            ..chunk(old, make())
        };
    };
    if audit {
        let tokens = make();
        let made = *blake3::hash(tokens.to_string().as_bytes()).as_bytes();
        if made != key {
            let head: String = tokens.to_string().chars().take(160).collect();
            return Chunk {
                key,
                input: Some(input),
                hit: true,
                formatted: Err(Fault::Stale(head)),
            };
        }
    }
    Chunk {
        key,
        input: Some(input),
        hit: true,
        formatted: Ok(None),
    }
}

/// The chunks of `items` keyed by their inputs (`input`, see [`memo_chunk`]), made and
/// formatted in parallel, in the order of `items`.
pub(crate) fn memo_chunks<T: Sync>(
    old: &FormatCache,
    audit: bool,
    items: &[T],
    input: impl Fn(&T) -> Key + Sync,
    make: impl Fn(&T) -> TokenStream + Sync,
) -> Vec<Chunk> {
    items
        .par_iter()
        .map(|item| memo_chunk(old, input(item), audit, || make(item)))
        .collect()
}

/// The chunks of an item of several, in several crates (`make` gives each one's crate and
/// tokens), made from `input`: taken from `old` without making them when `old` holds them all,
/// else made and formatted as [`chunk`] does; and the group, for the next run's cache. With
/// `audit`, a group `old` holds is made anyway, and differing tokens or crates are a fault.
pub(crate) fn memo_group(
    old: &FormatCache,
    input: Key,
    audit: bool,
    make: impl FnOnce() -> Vec<(Home, TokenStream)>,
) -> (Vec<(Home, Chunk)>, (Key, Group)) {
    let Some(group) = old.group_made_from(&input) else {
        let made: Vec<(Home, Chunk)> = make()
            .into_iter()
            .map(|(home, tokens)| (home, chunk(old, tokens)))
            .collect();
        let group = made.iter().map(|(home, c)| (home.clone(), c.key)).collect();
        return (made, (input, group));
    };
    let stale = audit
        .then(|| {
            let made: Vec<(Home, TokenStream)> = make();
            let keys: Group = made
                .iter()
                .map(|(home, t)| {
                    (
                        home.clone(),
                        *blake3::hash(t.to_string().as_bytes()).as_bytes(),
                    )
                })
                .collect();
            (keys != *group).then(|| {
                made.iter()
                    .map(|(_, t)| t.to_string().chars().take(160).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
        })
        .flatten();
    let chunks = group
        .iter()
        .map(|(home, key)| {
            let formatted = match &stale {
                Some(head) => Err(Fault::Stale(head.clone())),
                None => Ok(None),
            };
            let c = Chunk {
                key: *key,
                input: None,
                hit: true,
                formatted,
            };
            (home.clone(), c)
        })
        .collect();
    (chunks, (input, group.clone()))
}

/// Where a chunk's text is in its file: the next run's cache is written from the files, so a
/// run holds one copy of every formatted chunk, not two.
pub(crate) type Span = (Key, Option<Key>, std::ops::Range<usize>);

/// One file: `header` then each chunk's text, from the chunk or from `old`, the cache the
/// chunks were made with; where each chunk of the file is lands in `spans`, when the cache is
/// kept.
pub(crate) fn format_file(
    file: &str,
    header: &str,
    chunks: Vec<Chunk>,
    old: &FormatCache,
    mut spans: Option<&mut Vec<Span>>,
    stats: &mut FormatStats,
) -> Result<String, EmitError> {
    // Sized once: grown by doubling, the files of a large API held up to twice their size.
    let size = header.len()
        + chunks
            .iter()
            .map(|c| match &c.formatted {
                Ok(Some(text)) => text.len(),
                Ok(None) => old.get(&c.key).map_or(0, String::len),
                Err(_) => 0,
            })
            .sum::<usize>();
    let mut out = String::with_capacity(size);
    out.push_str(header);
    for Chunk {
        key,
        input,
        hit,
        formatted,
    } in chunks
    {
        stats.skipped += usize::from(hit);
        let formatted = formatted.map_err(|fault| match fault {
            Fault::Invalid(message) => EmitError::InvalidTokens {
                file: file.to_string(),
                message,
            },
            Fault::Stale(message) => EmitError::StaleMemo {
                file: file.to_string(),
                message,
            },
        })?;
        let start = out.len();
        match formatted {
            Some(text) => {
                stats.formatted += 1;
                out.push_str(&text);
            }
            None => {
                stats.reused += 1;
                out.push_str(old.get(&key).map(String::as_str).unwrap_or_default());
            }
        }
        if let Some(spans) = spans.as_deref_mut() {
            spans.push((key, input, start..out.len()));
        }
    }
    Ok(out)
}

/// The cache of the chunks at `spans` of their files, as [`FormatCache::to_bytes`] writes it,
/// from the files' text (no copy of the chunks): a chunk in several places is written once.
pub(crate) fn cache_bytes<'a>(
    spans: impl Iterator<Item = (&'a Key, Option<&'a Key>, &'a str)>,
    groups: &'a [(Key, Group)],
) -> Vec<u8> {
    /// [`FormatCache`], borrowed: postcard writes a map as its length and the pairs, which is
    /// what it writes of these lists.
    #[derive(serde::Serialize)]
    struct Borrowed<'a> {
        formatter: String,
        entries: Vec<(&'a Key, &'a str)>,
        inputs: Vec<(&'a Key, &'a Key)>,
        groups: Vec<&'a (Key, Group)>,
    }
    let mut seen = std::collections::HashSet::new();
    let mut seen_inputs = std::collections::HashSet::new();
    let mut entries = Vec::new();
    let mut inputs = Vec::new();
    for (key, input, text) in spans {
        if seen.insert(key) {
            entries.push((key, text));
        }
        if let Some(input) = input.filter(|i| seen_inputs.insert(*i)) {
            inputs.push((input, key));
        }
    }
    let mut seen_groups = std::collections::HashSet::new();
    let groups = groups
        .iter()
        .filter(|(k, _)| seen_groups.insert(k))
        .collect();
    postcard::to_stdvec(&Borrowed {
        formatter: formatter_id(),
        entries,
        inputs,
        groups,
    })
    .unwrap_or_default()
}

impl FormatCache {
    /// The cache of the chunks at `spans` of their files, owned.
    pub(crate) fn of<'a>(
        spans: impl Iterator<Item = (&'a Key, Option<&'a Key>, &'a str)>,
        groups: &[(Key, Group)],
    ) -> FormatCache {
        let mut cache = FormatCache::new();
        for (input, group) in groups {
            cache.groups.entry(*input).or_insert_with(|| group.clone());
        }
        for (key, input, text) in spans {
            cache
                .entries
                .entry(*key)
                .or_insert_with(|| text.to_string());
            if let Some(input) = input {
                cache.inputs.entry(*input).or_insert(*key);
            }
        }
        cache
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn tokens() -> Vec<TokenStream> {
        vec![
            quote! {
                //! A file.
                use std::fmt;
            },
            quote! { pub struct A { pub x: u32 } },
            quote! { impl A { pub fn x(&self) -> u32 { self.x } } pub const B: u8 = 1; },
        ]
    }

    fn texts(old: &FormatCache) -> Vec<Chunk> {
        tokens().into_iter().map(|t| chunk(old, t)).collect()
    }

    /// The chunks at `spans` of `text`, as the next run reads them.
    fn at<'a>(
        text: &'a str,
        spans: &'a [Span],
    ) -> impl Iterator<Item = (&'a Key, Option<&'a Key>, &'a str)> {
        spans
            .iter()
            .map(move |(k, i, r)| (k, i.as_ref(), &text[r.clone()]))
    }

    #[test]
    fn chunks_format_as_the_whole_file_does() {
        let whole: TokenStream = tokens().into_iter().collect();
        let whole = prettyplease::unparse(&syn::parse2(whole).unwrap());
        let mut spans = Vec::new();
        let mut stats = FormatStats::default();
        let text = format_file(
            "x.rs",
            "",
            texts(&FormatCache::new()),
            &FormatCache::new(),
            Some(&mut spans),
            &mut stats,
        )
        .unwrap();
        assert_eq!(text, whole);
        let new = FormatCache::of(at(&text, &spans), &[]);
        assert_eq!(
            stats,
            FormatStats {
                formatted: 3,
                reused: 0,
                skipped: 0
            }
        );
        assert_eq!(new.len(), 3);
    }

    #[test]
    fn a_second_run_reuses_and_an_edit_formats_only_its_chunk() {
        let mut spans = Vec::new();
        let mut stats = FormatStats::default();
        let a = format_file(
            "x.rs",
            "// h\n",
            texts(&FormatCache::new()),
            &FormatCache::new(),
            Some(&mut spans),
            &mut stats,
        )
        .unwrap();
        // Through bytes, as between two runs: written from the file, read as a cache.
        let first = FormatCache::from_bytes(&cache_bytes(at(&a, &spans), &[]));
        assert_eq!(first, FormatCache::of(at(&a, &spans), &[]));
        assert_eq!(first.len(), 3);
        let mut edited = texts(&first);
        edited[1] = chunk(&first, quote! { pub struct A { pub x: u64 } });
        let (mut spans, mut stats) = (Vec::new(), FormatStats::default());
        let b = format_file(
            "x.rs",
            "// h\n",
            edited,
            &first,
            Some(&mut spans),
            &mut stats,
        )
        .unwrap();
        let second = FormatCache::of(at(&b, &spans), &[]);
        assert_eq!(
            stats,
            FormatStats {
                formatted: 1,
                reused: 2,
                skipped: 0
            }
        );
        assert_ne!(a, b);
        let fresh = format_file(
            "x.rs",
            "// h\n",
            texts(&FormatCache::new())
                .into_iter()
                .enumerate()
                .map(|(i, c)| match i {
                    1 => chunk(&FormatCache::new(), quote! { pub struct A { pub x: u64 } }),
                    _ => c,
                })
                .collect(),
            &FormatCache::new(),
            None,
            &mut FormatStats::default(),
        )
        .unwrap();
        assert_eq!(b, fresh);
        // The new cache holds this run's chunks only: the old `A` is gone.
        assert_eq!(second.len(), 3);
    }

    #[test]
    fn a_cache_of_another_formatter_or_garbage_is_empty() {
        assert!(FormatCache::from_bytes(b"not a cache").is_empty());
        let mut other = FormatCache::new();
        other.formatter = "codegen 0.0.0 other".into();
        other.entries.insert([0; 32], "x".into());
        assert!(FormatCache::from_bytes(&other.to_bytes()).is_empty());
        assert_eq!(other.get(&[0; 32]), None);
    }

    #[test]
    fn invalid_tokens_are_an_error_not_a_panic() {
        let bad = vec![chunk(&FormatCache::new(), quote! { pub struct })];
        let err = format_file(
            "x.rs",
            "",
            bad,
            &FormatCache::new(),
            None,
            &mut FormatStats::default(),
        );
        assert!(matches!(err, Err(EmitError::InvalidTokens { .. })));
    }
}
