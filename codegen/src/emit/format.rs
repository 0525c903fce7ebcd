//! Formatting, one chunk (an item or a few) at a time, with a cache of earlier runs.
//!
//! A generated file is a header and a list of chunks. Each chunk is formatted on its own
//! (prettyplease over the chunk as a file) and the file is their concatenation, so a chunk's
//! text is a function of its tokens alone: a chunk whose tokens an earlier run formatted is
//! taken from the cache, and an incremental run gives the bytes of a full one by construction.
//! Chunks are formatted where they are made, in parallel (unless the cache holds them); the
//! order of the output is the order of the chunks whatever the thread count.

use super::EmitError;
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::collections::HashMap;

/// The key of a chunk: the BLAKE3 hash of its tokens as text. A cryptographic hash, because the
/// tokens carry doc text: a page must not be able to make its chunk collide with another one.
type Key = [u8; 32];

/// Formatted chunks of a run, by the hash of their tokens: what the next run need not format
/// again. Read and written by [`crate::write::read_cache`] and [`crate::write::write_cache`].
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormatCache {
    /// The formatter this cache was made with ([`formatter_id`]): a cache of another formatter
    /// is not used.
    formatter: String,
    entries: HashMap<Key, String>,
}

impl FormatCache {
    /// An empty cache of this formatter.
    pub fn new() -> FormatCache {
        FormatCache {
            formatter: formatter_id(),
            entries: HashMap::new(),
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
}

/// What formatting cost: chunks formatted, and chunks taken from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FormatStats {
    /// Chunks formatted in this run.
    pub formatted: usize,
    /// Chunks whose text came from the cache.
    pub reused: usize,
}

/// Who formats: the generator's version and the text it makes of a sample of the constructs
/// it emits, so that a new formatter (a syn or prettyplease update) does not reuse the text of
/// an old one.
fn formatter_id() -> String {
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
    formatted: Result<Option<String>, String>,
}

/// One chunk, formatted where it is made (tokens are not `Send`, and parsing them as made
/// saves printing and lexing them again), unless `old` holds it.
pub(crate) fn chunk(old: &FormatCache, tokens: TokenStream) -> Chunk {
    let key = *blake3::hash(tokens.to_string().as_bytes()).as_bytes();
    if old.get(&key).is_some() {
        return Chunk {
            key,
            formatted: Ok(None),
        };
    }
    let formatted = syn::parse2::<syn::File>(tokens)
        .map(|file| Some(prettyplease::unparse(&file)))
        .map_err(|e| e.to_string());
    Chunk { key, formatted }
}

/// The chunks of `items`, made and formatted in parallel, in the order of `items`.
pub(crate) fn chunks<T: Sync>(
    old: &FormatCache,
    items: &[T],
    make: impl Fn(&T) -> TokenStream + Sync,
) -> Vec<Chunk> {
    items
        .par_iter()
        .map(|item| chunk(old, make(item)))
        .collect()
}

/// The chunks of `items`, each item's parts keyed by where they go (the crate of each part),
/// made and formatted in parallel, in the order of `items` and of each item's parts.
pub(crate) fn keyed_chunks<T: Sync, K: Send>(
    old: &FormatCache,
    items: &[T],
    make: impl Fn(&T) -> Vec<(K, TokenStream)> + Sync,
) -> Vec<(K, Chunk)> {
    let made: Vec<Vec<(K, Chunk)>> = items
        .par_iter()
        .map(|item| {
            make(item)
                .into_iter()
                .map(|(k, tokens)| (k, chunk(old, tokens)))
                .collect()
        })
        .collect();
    made.into_iter().flatten().collect()
}

/// One file: `header` then each chunk's text, from the chunk or from `old`, the cache the
/// chunks were made with; every chunk of the file lands in `new`, when there is one (a run
/// whose cache is not kept does not hold a second copy of every chunk).
pub(crate) fn format_file(
    file: &str,
    header: &str,
    chunks: Vec<Chunk>,
    old: &FormatCache,
    mut new: Option<&mut FormatCache>,
    stats: &mut FormatStats,
) -> Result<String, EmitError> {
    let mut out = String::from(header);
    for Chunk { key, formatted } in chunks {
        let formatted = formatted.map_err(|message| EmitError::InvalidTokens {
            file: file.to_string(),
            message,
        })?;
        match formatted {
            Some(text) => {
                stats.formatted += 1;
                out.push_str(&text);
                if let Some(new) = new.as_deref_mut() {
                    new.entries.entry(key).or_insert(text);
                }
            }
            None => {
                stats.reused += 1;
                let text = old.get(&key).map(String::as_str).unwrap_or_default();
                out.push_str(text);
                if let Some(new) = new.as_deref_mut() {
                    new.entries.entry(key).or_insert_with(|| text.to_string());
                }
            }
        }
    }
    if let Some(new) = new {
        new.formatter = formatter_id();
    }
    Ok(out)
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

    #[test]
    fn chunks_format_as_the_whole_file_does() {
        let whole: TokenStream = tokens().into_iter().collect();
        let whole = prettyplease::unparse(&syn::parse2(whole).unwrap());
        let mut new = FormatCache::new();
        let mut stats = FormatStats::default();
        let text = format_file(
            "x.rs",
            "",
            texts(&FormatCache::new()),
            &FormatCache::new(),
            Some(&mut new),
            &mut stats,
        )
        .unwrap();
        assert_eq!(text, whole);
        assert_eq!(
            stats,
            FormatStats {
                formatted: 3,
                reused: 0
            }
        );
        assert_eq!(new.len(), 3);
    }

    #[test]
    fn a_second_run_reuses_and_an_edit_formats_only_its_chunk() {
        let mut first = FormatCache::new();
        let mut stats = FormatStats::default();
        let a = format_file(
            "x.rs",
            "// h\n",
            texts(&FormatCache::new()),
            &FormatCache::new(),
            Some(&mut first),
            &mut stats,
        )
        .unwrap();
        // Through bytes, as between two runs.
        let first = FormatCache::from_bytes(&first.to_bytes());
        let mut edited = texts(&first);
        edited[1] = chunk(&first, quote! { pub struct A { pub x: u64 } });
        let (mut second, mut stats) = (FormatCache::new(), FormatStats::default());
        let b = format_file(
            "x.rs",
            "// h\n",
            edited,
            &first,
            Some(&mut second),
            &mut stats,
        )
        .unwrap();
        assert_eq!(
            stats,
            FormatStats {
                formatted: 1,
                reused: 2
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
