//! A resource page: its properties, relationships, Methods-table rows (with the request a row
//! writes, if any, which `resolve::shorthands` reads) and enums. A property's type comes from its
//! JSON representation where its row's words name no documented type (`Booleano` where the JSON
//! shows `true`), never over a type the reference documents; row names a translation changed are
//! taken from the JSON's keys.

use super::text::{annotation, clean_name, description, file_stem, namespace};
use crate::base::Method;
use crate::ir::names::{qualified, resource_name};
use crate::ir::*;
use crate::read::extract::BlockType;
use crate::read::extract::{Annotation, Page, Table};
use crate::read::lenient_json;
use crate::read::rules::{self, Section, Words};
use crate::read::source::SourceFile;

/// A Methods-table cell that writes a request (`` `GET /drive/root` ``), without its backticks.
fn method_row_request(cell: &str) -> Option<String> {
    let text = cell.trim().trim_matches('`').trim();
    let (method, path) = text.split_once(' ')?;
    // The methods a Methods-table row is read with (not `HEAD` or `OPTIONS`).
    let known = matches!(
        Method::parse(method),
        Some(Method::Get | Method::Post | Method::Patch | Method::Put | Method::Delete)
    );
    (known && path.trim_start().starts_with('/')).then(|| format!("{method} {}", path.trim()))
}

pub(super) fn model_resource(
    src: &SourceFile,
    page: &Page,
    vocab: &super::Vocabulary,
) -> Option<Resource> {
    let title_heading = page.title();
    let title = title_heading
        .map(|h| h.text.clone())
        .unwrap_or_else(|| file_stem(&src.path));
    let resource_fence = page
        .fences()
        .find(|(_, f)| {
            annotation(page, f).and_then(|a| a.block_type()) == Some(BlockType::Resource)
        })
        .map(|(_, f)| f);
    let ann = resource_fence.and_then(|f| annotation(page, f));
    let json = resource_fence
        .and_then(|f| lenient_json::parse(&f.content).ok())
        .and_then(|(v, _)| match v {
            serde_json::Value::Object(o) => Some(o),
            _ => None,
        })
        .unwrap_or_default();
    let json_properties: Vec<String> = json.keys().cloned().collect();
    let json_location = resource_fence.map(|f| src.locate(f.content_offset));
    let odata_type = ann
        .and_then(|a| a.str_key("@odata.type").or_else(|| a.str_key("@type")))
        .map(str::to_string);
    let name = odata_type.as_deref().map(resource_name).or_else(|| {
        let word = title.split_whitespace().next()?;
        Some(qualified(namespace(page).as_deref(), word))
    })?;
    let mut properties = property_rows(src, page, Section::Properties, vocab);
    let mut relationships = property_rows(src, page, Section::Relationships, vocab);
    let rows = properties
        .iter_mut()
        .map(|p| Row::property(&mut p.name, Some(&p.ty)))
        .chain(
            relationships
                .iter_mut()
                .map(|p| Row::relationship(&mut p.name, &p.ty)),
        );
    names_from_json(&json, rows.collect());
    // The JSON representation shows a type in any language: where a row's type does not read
    // as one, the JSON's is the property's.
    for p in properties.iter_mut().chain(relationships.iter_mut()) {
        let json_ty = json.get(&p.name).and_then(super::vocabulary::json_type);
        p.ty = vocab.property_type(
            std::mem::replace(&mut p.ty, TypeRef::Named(String::new())),
            json_ty,
        );
    }
    let methods = method_rows(src, page);
    Some(Resource {
        name,
        odata_type,
        title,
        description: description(page),
        page: src.path.clone(),
        location: src.locate(title_heading.map(|h| h.offset).unwrap_or(0)),
        base_type: ann.and_then(|a| a.str_key("baseType")).map(str::to_string),
        open_type: ann.and_then(|a| a.bool_key("openType")).unwrap_or(false),
        is_abstract: ann.and_then(|a| a.bool_key("abstract")).unwrap_or(false),
        key_property: ann
            .and_then(|a| a.str_key("keyProperty"))
            .map(str::to_string),
        optional_properties: ann.map(optional_properties).unwrap_or_default(),
        properties,
        relationships,
        methods,
        json_properties,
        json_location,
    })
}

/// The `optionalProperties` a resource's annotation lists.
fn optional_properties(ann: &Annotation) -> Vec<String> {
    ann.object()
        .and_then(|o| o.get("optionalProperties"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The rows of the Methods table: each method's name, page, return type, description and the
/// request the row writes, if any.
fn method_rows(src: &SourceFile, page: &Page) -> Vec<MethodRef> {
    page.tables()
        .filter(|(b, _)| b.is_in(Section::Methods))
        .flat_map(|(_, t)| {
            let ret = t
                .header
                .iter()
                .position(|h| rules::METHOD_RETURN_COLUMN.in_text(&h.to_lowercase()));
            let desc = t
                .header
                .iter()
                .position(|h| rules::METHOD_DESCRIPTION_COLUMN.in_text(&h.to_lowercase()));
            t.rows.iter().filter_map(move |r| {
                let name = r.cells.first()?.trim().to_string();
                (!name.is_empty()).then(|| MethodRef {
                    page: r
                        .links
                        .first()
                        .and_then(|l| l.first())
                        .map(|l| resolve_link(&src.path, l)),
                    name,
                    return_type: ret
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                    description: desc
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                    path: r.cells.iter().skip(1).find_map(|c| method_row_request(c)),
                })
            })
        })
        .collect()
}

/// Rows of the Properties (or Relationships) tables: name, type and description.
fn property_rows(
    src: &SourceFile,
    page: &Page,
    section: Section,
    vocab: &super::Vocabulary,
) -> Vec<Property> {
    let mut out = Vec::new();
    for (b, t) in page.tables() {
        if !b.is_in(section) {
            continue;
        }
        let Some(cols) = property_columns(t, vocab) else {
            continue;
        };
        for row in &t.rows {
            let (Some(n), Some(ty)) = (row.cells.get(cols.name), row.cells.get(cols.ty)) else {
                continue;
            };
            // A row with nothing beside its name heads a group of rows (`|**Auditing**|`).
            let heading = row
                .cells
                .iter()
                .enumerate()
                .all(|(c, cell)| c == cols.name || cell.trim().is_empty());
            if heading {
                continue;
            }
            let n = clean_name(n);
            // The first row of a name is the property; a later table repeating it explains it.
            if n.is_empty() || n.contains(' ') || out.iter().any(|p: &Property| p.name == n) {
                continue;
            }
            let ty_page = row
                .links
                .get(cols.ty)
                .and_then(|l| l.first())
                .map(|l| resolve_link(&src.path, l))
                .filter(|l| l.ends_with(".md"));
            out.push(Property {
                name: n,
                ty: vocab.type_of(
                    ty,
                    row.frames.get(cols.ty).map_or("", String::as_str),
                    row.links.get(cols.ty).map_or(&[][..], Vec::as_slice),
                ),
                description: cols
                    .description
                    .and_then(|c| row.cells.get(c))
                    .cloned()
                    .unwrap_or_default(),
                location: src.locate(row.offset),
                ty_page,
            });
        }
    }
    out
}

/// The columns of a properties table.
struct PropertyColumns {
    name: usize,
    ty: usize,
    description: Option<usize>,
}

/// The columns of a table of properties, or `None` for a table that lists no properties.
/// Headers may be translated without span pairs (`| 属性 | 类型 | 说明 |`): the columns are then
/// taken in their usual order, a type column only when it reads as types for most rows (an
/// enum's table of values, in a Properties section, does not).
fn property_columns(t: &Table, vocab: &super::Vocabulary) -> Option<PropertyColumns> {
    let col = |want: Words| {
        t.header
            .iter()
            .position(|h| want.in_text(&h.to_lowercase()))
    };
    let translated = t.header.iter().any(|h| !h.is_ascii());
    let typed = |c: usize| {
        let typed = t
            .rows
            .iter()
            .filter(|r| {
                r.cells.get(c).is_some_and(|cell| {
                    super::vocabulary::reads_as_type(
                        vocab,
                        cell,
                        r.frames.get(c).map_or("", String::as_str),
                        r.links.get(c).map_or(&[][..], Vec::as_slice),
                    )
                })
            })
            .count();
        typed * 2 > t.rows.len()
    };
    let positional = |i: usize| (translated && t.header.len() > i).then_some(i);
    let ty = col(rules::PROPERTY_TYPE_COLUMN).or(positional(1).filter(|&c| typed(c)))?;
    let name = col(rules::PROPERTY_NAME_COLUMN).unwrap_or(0);
    // A table whose only `type` column is its first names values, not properties (the
    // `type property | Type of recurrence range | ...` table of recurrenceRange's values).
    if ty == name {
        return None;
    }
    Some(PropertyColumns {
        name,
        ty,
        description: col(rules::PROPERTY_DESCRIPTION_COLUMN).or(positional(2)),
    })
}

/// JSON names the members as the code does (a resource's representation, an example's request
/// body); a table row whose name a translation changed takes it from there: a name that differs
/// from a key only by case takes the key's (`VersionNumber`); a row whose name is no identifier
/// (`パスワード`) takes the key no row names whose value shows its type and no other such row's
/// (`"columns": [{"@odata.type": "...columnDefinition"}]` for `列`, a collection of
/// `columnDefinition`), again until no row is left so; the rows left take, in order, the keys
/// left when there are as many of both and each agrees with its row. An annotation
/// (`@odata.type`, `user@odata.bind`) names no row: a translated relationship the JSON leaves
/// out (`Relatórios`) is not it, nor is a scalar a relationship.
pub(super) fn names_from_json(
    json: &serde_json::Map<String, serde_json::Value>,
    mut rows: Vec<Row<'_>>,
) {
    use super::vocabulary::{json_agrees, json_type};
    if json.is_empty() {
        return;
    }
    let identifier = |n: &str| {
        n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@' || c == '.')
    };
    for row in rows.iter_mut() {
        if !json.contains_key(row.name.as_str()) {
            if let Some(k) = json.keys().find(|k| k.eq_ignore_ascii_case(row.name)) {
                *row.name = k.clone();
            }
        }
    }
    let claimed: std::collections::BTreeSet<String> =
        rows.iter().map(|r| r.name.to_string()).collect();
    let mut free: Vec<(&String, &serde_json::Value)> = json
        .iter()
        .filter(|(k, _)| !claimed.contains(k.as_str()) && !k.contains('@'))
        .collect();
    let mut unnamed: Vec<&mut Row<'_>> = rows.iter_mut().filter(|r| !identifier(r.name)).collect();
    // How well a key's value fits a row: 2 when it shows the row's very type, 1 when it can be
    // of it, 0 when it cannot.
    let fit = |row: &Row<'_>, value: &serde_json::Value| -> u8 {
        match row.ty {
            _ if row.navigation && !(value.is_object() || value.is_array()) => 0,
            None => 1,
            Some(t) if !json_agrees(t, value) => 0,
            Some(t) => match json_type(value) {
                Some(j) if same_type(t, &j) => 2,
                _ => 1,
            },
        }
    };
    // Mutual single matches of a key whose value shows the row's very type. (Not of a key that
    // merely can be of it: a row typed by words the reader could not read, `Coleção de Cadeias
    // de Caracteres` on its own, would take any object's key.)
    const SHOWN: u8 = 2;
    loop {
        let pair = unnamed.iter().enumerate().find_map(|(r, row)| {
            let mut keys = free
                .iter()
                .enumerate()
                .filter(|(_, (_, value))| fit(row, value) == SHOWN);
            let (Some((k, (_, value))), None) = (keys.next(), keys.next()) else {
                return None;
            };
            let rivals = unnamed.iter().filter(|o| fit(o, value) == SHOWN).count();
            (rivals == 1).then_some((r, k))
        });
        let Some((r, k)) = pair else { break };
        let (key, _) = free.remove(k);
        *unnamed.remove(r).name = key.clone();
    }
    let agree = unnamed.len() == free.len()
        && unnamed
            .iter()
            .zip(&free)
            .all(|(row, (_, value))| fit(row, value) > 0);
    if agree {
        for (row, (key, _)) in unnamed.into_iter().zip(free) {
            *row.name = key.clone();
        }
    }
}

/// A table row that JSON may name: its name, its type where the row has one, and whether it is
/// a relationship, whose value is an object or an array.
pub(super) struct Row<'a> {
    name: &'a mut String,
    ty: Option<&'a TypeRef>,
    navigation: bool,
}

impl<'a> Row<'a> {
    pub(super) fn property(name: &'a mut String, ty: Option<&'a TypeRef>) -> Row<'a> {
        Row {
            name,
            ty,
            navigation: false,
        }
    }

    pub(super) fn relationship(name: &'a mut String, ty: &'a TypeRef) -> Row<'a> {
        Row {
            name,
            ty: Some(ty),
            navigation: true,
        }
    }
}

/// Whether a row's type and the type a JSON value shows are one: primitives alike, names alike
/// but for case and namespace.
fn same_type(row: &TypeRef, json: &TypeRef) -> bool {
    match (row, json) {
        (TypeRef::Collection(a), TypeRef::Collection(b)) => same_type(a, b),
        (TypeRef::Primitive(a), TypeRef::Primitive(b)) => a == b,
        (TypeRef::Named(a), TypeRef::Named(b)) => {
            let last = |n: &str| crate::ir::names::fold(n.rsplit('.').next().unwrap_or(n));
            last(a) == last(b)
        }
        _ => false,
    }
}

/// The word of `text` that is `key` but for case (`riskLevel` for `risklevel`), else `key`.
fn cased_word(text: &str, key: &str) -> String {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| {
            let letters: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            letters.eq_ignore_ascii_case(key)
        })
        .unwrap_or(key)
        .to_string()
}

/// A link of a page, as a path relative to the docs root (`../api/x.md` from `resources/y.md`).
pub(super) fn resolve_link(page: &str, link: &str) -> String {
    let link = link.split('#').next().unwrap_or(link);
    if link.contains("://") {
        return link.to_string();
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Enum tables: under a `### <name> values` heading, or the members table of an enum page.
pub(super) fn model_enums(src: &SourceFile, page: &Page) -> Vec<EnumType> {
    let enum_page = page.front_matter.get("doc_type").map(String::as_str) == Some("enumPageType");
    let mut out = Vec::new();
    for (b, t) in page.tables() {
        let heading = b.heading.and_then(|h| page.headings.get(h));
        // `### riskLevel values`, or translated with its English anchor
        // (`### <a name="risklevel-values"></a>Valores de riskLevel`).
        let from_heading = heading.and_then(|h| {
            let slug = super::text::heading_slug(h);
            let key = slug.strip_suffix("-values")?;
            (!key.is_empty() && !key.contains('-')).then(|| cased_word(&h.text, key))
        });
        let name = match from_heading {
            Some(n) => n,
            None if enum_page && b.is_in(Section::EnumMembers) => {
                // The title's first word (`mobileAppPublishingState enum type`), found in a
                // translated title by its anchor (`mobileapppublishingstate-enum-type`).
                let Some(title) = page.title() else { continue };
                let slug = super::text::heading_slug(title);
                match slug.split('-').next().filter(|k| !k.is_empty()) {
                    Some(key) => cased_word(&title.text, key),
                    None => continue,
                }
            }
            None => continue,
        };
        let col = |want: &str| {
            t.header
                .iter()
                .position(|h| h.to_lowercase().contains(want))
        };
        // A translated header: member, value, description (or member, description).
        let translated = t.header.iter().any(|h| !h.is_ascii());
        let value_col = col("value")
            .or_else(|| (translated && t.header.len() >= 3).then_some(1))
            .filter(|&c| c != 0);
        let desc_col = col("description")
            .or_else(|| (translated && t.header.len() >= 2).then(|| t.header.len() - 1));
        let members = t
            .rows
            .iter()
            .filter_map(|r| {
                let name = r.cells.first()?.trim().trim_matches('`').trim();
                (!name.is_empty()).then(|| EnumMember {
                    name: name.to_string(),
                    value: value_col
                        .and_then(|c| r.cells.get(c))
                        .filter(|v| !v.is_empty())
                        .cloned(),
                    description: desc_col
                        .and_then(|c| r.cells.get(c))
                        .cloned()
                        .unwrap_or_default(),
                })
            })
            .collect::<Vec<_>>();
        if !members.is_empty() {
            out.push(EnumType {
                name,
                page: src.path.clone(),
                location: src.locate(t.offset),
                members,
            });
        }
    }
    out
}
