//! Chunks keyed by what they are made from, so that an unchanged item is neither built nor
//! formatted (#39): the tokens of a chunk are a function of the plan and of the IR items it
//! prints, and so is its key.
//!
//! A chunk reads two kinds of input. Names, types and the shape of the API are decided across
//! all of it (a field's type is another resource's Rust name, a call's chain is the call tree's):
//! they are in the *skeleton*, the whole IR but for the prose and the locations of its items,
//! which only the chunk of the item itself prints (its rustdoc, the line it cites). The
//! *skeleton's digest* is part of every key, so a change of any name or shape makes every
//! chunk again, as a run without the memo would. The chunk's own items (a model's resource and
//! its bases, an operation with its examples) are in its key whole, prose and lines included.
//!
//! What keeps this right: the prose and locations left out of the skeleton (`NOT_SKELETON`) are
//! printed only by chunks whose key holds the item they belong to. `EmitOptions::audit` makes
//! every chunk the memo would skip and fails the run when its tokens differ from the ones the
//! memo holds (`tests/tests/incremental.rs` runs edit sequences that change prose and lines of
//! many pages with it): a key that misses an input is a failed test, not a stale crate.

use super::format::Key;
use super::options::EmitOptions;
use crate::ir::Api;
use rayon::prelude::*;
use serde::ser::{self, Serialize};

/// The fields of IR structs that are not in the skeleton: `(struct, field)`. Each is printed
/// only by the chunks of its own item (see the module docs), and those chunks' keys hold it.
const NOT_SKELETON: &[(&str, &str)] = &[
    // A page's first paragraph, which no chunk prints (`api.ir.json` does, a file of its own).
    ("PageInfo", "description"),
    ("Resource", "description"),
    ("Resource", "location"),
    ("Resource", "json_location"),
    ("MethodRef", "description"),
    ("Property", "description"),
    ("Property", "location"),
    ("EnumType", "location"),
    ("EnumMember", "description"),
    ("Operation", "description"),
    ("Operation", "location"),
    ("Parameter", "description"),
    ("Parameter", "location"),
    ("PathTemplate", "location"),
    ("ExampleRequest", "location"),
    ("ExampleResponse", "location"),
];

/// The keys of one run's chunks: the digest of the skeleton and of the options, and whether to
/// check every hit (`EmitOptions::audit`).
#[derive(Debug, Clone)]
pub(crate) struct Memo {
    plan: Key,
    /// The digest of each operation whole (examples included), in the order of the API's:
    /// several chunks print one operation (its info constant, body, tests, examples).
    operations: Vec<Key>,
    pub audit: bool,
}

impl Memo {
    /// The memo of a run over `api` with `opts`, by the formatter `formatter`.
    pub fn new(api: &Api, opts: &EmitOptions, formatter: &str) -> Memo {
        let mut h = blake3::Hasher::new();
        h.update(formatter.as_bytes());
        // Everything of the options a chunk may print: not the pages' hashes (the lock's) nor
        // the changelog, which change with every edit and are files of their own.
        let EmitOptions {
            crate_name,
            source_label,
            version,
            lang,
            changelog: _,
            inputs: _,
            audit: _,
        } = opts;
        for part in [crate_name, source_label, version, lang.as_str()] {
            digest(&mut h, part, &[]);
        }
        let (_, operations) = rayon::join(
            || digest(&mut h, api, NOT_SKELETON),
            || {
                api.operations
                    .par_iter()
                    .map(|op| {
                        let mut h = blake3::Hasher::new();
                        digest(&mut h, op, &[]);
                        *h.finalize().as_bytes()
                    })
                    .collect()
            },
        );
        Memo {
            plan: *h.finalize().as_bytes(),
            operations,
            audit: opts.audit,
        }
    }

    /// The digest of the operation at `index` of the API, whole.
    pub fn operation(&self, index: usize) -> Option<&Key> {
        self.operations.get(index)
    }

    /// The key of a chunk of kind `kind` made from `parts` (whole) and the skeleton.
    pub fn key(&self, kind: &str, parts: &impl Serialize) -> Key {
        let mut h = blake3::Hasher::new();
        h.update(&self.plan);
        digest(&mut h, kind, &[]);
        digest(&mut h, parts, &[]);
        *h.finalize().as_bytes()
    }
}

/// Feeds `value` to `h`, leaving out the struct fields of `skip`.
fn digest(h: &mut blake3::Hasher, value: &(impl Serialize + ?Sized), skip: &[(&str, &str)]) {
    // The hasher's serializer cannot fail: `Never` has no value.
    let _ = value.serialize(&mut Digest { h, skip });
}

/// A serde serializer that hashes what it is given: every value behind a tag byte, every
/// sequence and string behind its length, so that two different values never feed the same
/// bytes.
struct Digest<'h> {
    h: &'h mut blake3::Hasher,
    skip: &'h [(&'h str, &'h str)],
}

/// The error of a serializer that does not fail.
#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a digest does not fail")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

impl Digest<'_> {
    fn tag(&mut self, t: u8) {
        self.h.update(&[t]);
    }

    fn len(&mut self, n: usize) {
        self.h.update(&(n as u64).to_le_bytes());
    }

    fn text(&mut self, s: &str) {
        self.len(s.len());
        self.h.update(s.as_bytes());
    }
}

/// A compound value (sequence, map, struct, variant): its struct name, to leave out fields.
struct Compound<'a, 'h> {
    d: &'a mut Digest<'h>,
    name: &'static str,
}

impl<'a, 'h> ser::Serializer for &'a mut Digest<'h> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Compound<'a, 'h>;
    type SerializeTuple = Compound<'a, 'h>;
    type SerializeTupleStruct = Compound<'a, 'h>;
    type SerializeTupleVariant = Compound<'a, 'h>;
    type SerializeMap = Compound<'a, 'h>;
    type SerializeStruct = Compound<'a, 'h>;
    type SerializeStructVariant = Compound<'a, 'h>;

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.tag(1);
        self.tag(u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Never> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Never> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Never> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Never> {
        self.tag(2);
        self.h.update(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Never> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Never> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Never> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.tag(3);
        self.h.update(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.tag(4);
        self.h.update(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.tag(5);
        self.h.update(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.tag(6);
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.tag(7);
        self.len(v.len());
        self.h.update(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.tag(8);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        self.tag(9);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(10);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Never> {
        self.tag(11);
        self.h.update(&index.to_le_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.tag(12);
        self.h.update(&index.to_le_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, 'h>, Never> {
        self.tag(13);
        // A sequence of unknown length is closed by `end`.
        self.len(len.unwrap_or(usize::MAX));
        Ok(Compound { d: self, name: "" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'h>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'h>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'h>, Never> {
        self.tag(14);
        self.h.update(&index.to_le_bytes());
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, 'h>, Never> {
        self.tag(15);
        self.len(len.unwrap_or(usize::MAX));
        Ok(Compound { d: self, name: "" })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a, 'h>, Never> {
        self.tag(16);
        self.text(name);
        Ok(Compound { d: self, name })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'h>, Never> {
        self.tag(17);
        self.h.update(&index.to_le_bytes());
        Ok(Compound { d: self, name })
    }
}

impl Compound<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut *self.d)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
        if self.d.skip.contains(&(self.name, key)) {
            return Ok(());
        }
        self.d.text(key);
        value.serialize(&mut *self.d)
    }

    fn close(self) -> Result<(), Never> {
        self.d.tag(18);
        Ok(())
    }
}

/// The compound serializers: the elements of sequences and tuples, the fields of structs.
macro_rules! compound {
    (elements: $($t:ident :: $m:ident),*; fields: $($f:ident),*) => {
        $(impl ser::$t for Compound<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn $m<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.element(value)
            }
            fn end(self) -> Result<(), Never> {
                self.close()
            }
        })*
        $(impl ser::$f for Compound<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Never> {
                self.close()
            }
        })*
    };
}

compound!(
    elements: SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field;
    fields: SerializeStruct, SerializeStructVariant
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value)
    }
    fn end(self) -> Result<(), Never> {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(value: &impl Serialize, skip: &[(&str, &str)]) -> Key {
        let mut h = blake3::Hasher::new();
        digest(&mut h, value, skip);
        *h.finalize().as_bytes()
    }

    #[derive(serde::Serialize)]
    struct Property {
        name: String,
        description: String,
    }

    #[test]
    fn the_skeleton_leaves_out_prose_and_nothing_else() {
        let p = |name: &str, description: &str| Property {
            name: name.into(),
            description: description.into(),
        };
        assert_eq!(
            hash(&p("a", "one"), NOT_SKELETON),
            hash(&p("a", "two"), NOT_SKELETON)
        );
        assert_ne!(
            hash(&p("a", "one"), NOT_SKELETON),
            hash(&p("b", "one"), NOT_SKELETON)
        );
        // Whole, the prose counts.
        assert_ne!(hash(&p("a", "one"), &[]), hash(&p("a", "two"), &[]));
    }

    #[test]
    fn lengths_keep_neighbouring_values_apart() {
        assert_ne!(
            hash(&("ab".to_string(), "c".to_string()), &[]),
            hash(&("a".to_string(), "bc".to_string()), &[])
        );
        assert_ne!(
            hash(&vec![vec![1u8], vec![]], &[]),
            hash(&vec![vec![], vec![1u8]], &[])
        );
        assert_ne!(hash(&Some(0u32), &[]), hash(&None::<u32>, &[]));
    }

    /// Every field `NOT_SKELETON` names exists in the IR: a renamed field would otherwise stay
    /// in the skeleton silently (costing reuse, not correctness), and a list that names nothing
    /// is no list.
    #[test]
    fn the_fields_left_out_are_fields_of_the_ir() {
        let source = [
            include_str!("../ir/mod.rs"),
            include_str!("../ir/template.rs"),
        ]
        .concat();
        for (ty, field) in NOT_SKELETON {
            let start = source
                .find(&format!("pub struct {ty} "))
                .unwrap_or_else(|| panic!("no struct {ty} in the IR"));
            let body = &source[start..];
            let end = body.find("\n}\n").unwrap_or(body.len());
            assert!(
                body[..end].contains(&format!("pub {field}: ")),
                "{ty} has no field {field}"
            );
        }
    }
}
