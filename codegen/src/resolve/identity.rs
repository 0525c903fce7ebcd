//! Resource identity across pages: one resource per namespace-qualified name, and type references
//! resolved to the resource they mean. Runs once every page is modelled, before the derivations
//! and the checks.
//! - Names are relative to the root namespace `microsoft.graph` (`callRecords.mediaStream` stays
//!   apart from `mediaStream`).
//! - Several pages of one type are merged into the page with the most members, the others' extra
//!   members added, each other page a `resource-documented-twice` warning naming the home (30 in
//!   the English corpus: `user` from three Intune pages, `deviceManagement` from 18); no
//!   documented property is dropped in silence.
//! - Operation ids from the title slugs (`operation_ids`): each slug word cased as the API's code
//!   writes it anywhere (a whole identifier, or the end of a compound from a hump on), or its
//!   singular, so `list-calendarview` is `list_calendar_view` whether the title is English or
//!   translated. Pages with the same title are then told apart by their file name
//!   (`run::analyze`, `duplicate-operation`).
//! - A type reference means the resource (or the one enum) of the page its Type cell links to,
//!   when the cell names it or the page's file (a translated link text), else the type of that
//!   name in the referring page's namespace, else the root namespace's.

use crate::base::{Code, Diagnostic};
use crate::ir::names::fold;
use crate::ir::{Api, Property, Resource, TypeRef};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A body that prose names by the page it links (`[WorkbookChartSeries](../resources/
/// chartseries.md)`, read as the page's stem `chartseries`) holds the resource that page
/// documents (`workbookChartSeries`), where no resource has the stem's name. Runs before the
/// pages of one type merge, while each resource still has its own page
/// (`intune-devices-user.md` is `user`).
pub fn linked_bodies(api: &mut Api) {
    let index = crate::ir::index::ResourceIndex::new(api);
    let mut by_stem: BTreeMap<String, Option<String>> = BTreeMap::new();
    for r in &api.resources {
        let Some(stem) = r
            .page
            .strip_prefix("resources/")
            .and_then(|p| p.strip_suffix(".md"))
        else {
            continue;
        };
        // A page that documents two resources names neither.
        by_stem
            .entry(stem.to_ascii_lowercase())
            .and_modify(|e| {
                if e.as_deref() != Some(r.name.as_str()) {
                    *e = None;
                }
            })
            .or_insert_with(|| Some(r.name.clone()));
    }
    let renamed: Vec<(usize, bool, String)> = api
        .operations
        .iter()
        .enumerate()
        .flat_map(|(i, op)| {
            [(false, &op.request_body), (true, &op.response_body)]
                .into_iter()
                .filter_map(move |(response, b)| {
                    let name = b.as_ref()?.resource.as_deref()?;
                    Some((i, response, name))
                })
        })
        .filter(|(_, _, name)| index.get(name).is_none() && !index.is_enum(name))
        .filter_map(|(i, response, name)| {
            let to = by_stem.get(&name.to_ascii_lowercase())?.clone()?;
            Some((i, response, to))
        })
        .collect();
    super::bodies::type_bodies(api, renamed);
}

/// Several pages that document one type (`resources/user.md` and
/// `resources/intune-devices-user.md`, both `microsoft.graph.user`) become one resource: the page
/// with the most members is its home, and the members only the others list are added to it. Each
/// other page gets a located diagnostic that names the home. Returns the operation pages that the
/// home pages' own Methods tables link to: the operations the type's home documents.
pub fn merge_resources(
    api: &mut Api,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::BTreeSet<String> {
    let mut home_links = std::collections::BTreeSet::new();
    let mut by_name: BTreeMap<String, Vec<Resource>> = BTreeMap::new();
    for r in std::mem::take(&mut api.resources) {
        by_name.entry(fold(&r.name)).or_default().push(r);
    }
    for (_, mut pages) in by_name {
        // The richest page first; among equals, the first by path (pages arrive sorted).
        pages.sort_by(|a, b| {
            members(b)
                .cmp(&members(a))
                .then_with(|| a.page.cmp(&b.page))
        });
        let mut pages = pages.into_iter();
        let Some(mut home) = pages.next() else {
            continue;
        };
        home_links.extend(home.methods.iter().filter_map(|m| m.page.clone()));
        for other in pages {
            let added = absorb(&mut home, &other);
            let what = match added.as_slice() {
                [] => "it documents nothing the home page lacks".to_string(),
                names => format!(
                    "its {} not on the home page ({}) {} added",
                    if names.len() == 1 {
                        "member"
                    } else {
                        "members"
                    },
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if names.len() == 1 { "is" } else { "are" },
                ),
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::ResourceDocumentedTwice,
                    other.location.clone(),
                    format!(
                        "`{}` is also documented on `{}`, which documents more of it; the two are merged and {what}",
                        other.name, home.page
                    ),
                )
                .note(home.location.clone(), "the type's home page")
                .help("document the type on one page and link to it from the other"),
            );
        }
        api.resources.push(home);
    }
    home_links
}

fn members(r: &Resource) -> usize {
    r.properties.len() + r.relationships.len()
}

/// Adds to `home` the properties, relationships and methods that only `other` lists; returns the
/// names of the members added.
fn absorb(home: &mut Resource, other: &Resource) -> Vec<String> {
    let mut added = Vec::new();
    for (mine, theirs) in [
        (&mut home.properties, &other.properties),
        (&mut home.relationships, &other.relationships),
    ] {
        for p in theirs {
            let known = |q: &Property| q.name.eq_ignore_ascii_case(&p.name);
            if !mine.iter().any(known) {
                mine.push(p.clone());
                added.push(p.name.clone());
            }
        }
    }
    // The JSON representation the merged members come with, so that the two lists still agree.
    for j in &other.json_properties {
        if !home.json_properties.contains(j) {
            home.json_properties.push(j.clone());
        }
    }
    for m in &other.methods {
        if !home
            .methods
            .iter()
            .any(|h| h.page == m.page && h.name == m.name)
        {
            home.methods.push(m.clone());
        }
    }
    if home.base_type.is_none() {
        home.base_type.clone_from(&other.base_type);
    }
    added
}

/// A type reference names the resource its Type cell links to, else the type of that name in the
/// referring page's own namespace, else the root namespace's (`mediaStream` on a
/// `microsoft.graph.callRecords` page is `callRecords.mediaStream` when that type exists).
pub fn resolve_type_references(api: &mut Api) {
    // The type each page documents: its resource, else its one enum.
    let mut enum_pages: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for e in &api.enums {
        enum_pages.entry(e.page.as_str()).or_default().push(&e.name);
    }
    let mut by_page: BTreeMap<String, String> = enum_pages
        .into_iter()
        .filter_map(|(page, names)| match names.as_slice() {
            [one] => Some((page.to_string(), one.to_string())),
            _ => None,
        })
        .collect();
    by_page.extend(
        api.resources
            .iter()
            .map(|r| (r.page.clone(), r.name.clone())),
    );
    let names: BTreeMap<String, String> = api
        .resources
        .iter()
        .map(|r| (fold(&r.name), r.name.clone()))
        .collect();
    let namespaces: BTreeMap<&str, &str> = api
        .pages
        .iter()
        .filter_map(|p| Some((p.path.as_str(), p.namespace.as_deref()?)))
        .collect();
    let mut resolved: Vec<(usize, bool, usize, String)> = Vec::new();
    for (ri, r) in api.resources.iter().enumerate() {
        let namespace = namespaces.get(r.page.as_str()).copied();
        for (relationship, list) in [(false, &r.properties), (true, &r.relationships)] {
            for (pi, p) in list.iter().enumerate() {
                let Some(current) = p.ty.named() else {
                    continue;
                };
                // The linked page's type when the cell names it, or names the page itself (a
                // translated cell's link text is read as the linked file's name).
                let linked = p.ty_page.as_ref().and_then(|page| {
                    by_page.get(page).filter(|m| {
                        short(m).eq_ignore_ascii_case(short(current))
                            || crate::ir::names::file_stem(page) == current
                    })
                });
                let local = namespace
                    .map(|ns| crate::ir::names::resource_name(&format!("{ns}.{current}")))
                    .and_then(|q| names.get(&fold(&q)));
                if let Some(name) = linked.or(local) {
                    if name != current {
                        resolved.push((ri, relationship, pi, name.clone()));
                    }
                }
            }
        }
    }
    for (ri, relationship, pi, name) in resolved {
        let Some(r) = api.resources.get_mut(ri) else {
            continue;
        };
        let list = if relationship {
            &mut r.relationships
        } else {
            &mut r.properties
        };
        if let Some(p) = list.get_mut(pi) {
            rename(&mut p.ty, name);
        }
    }
}

fn rename(ty: &mut TypeRef, name: String) {
    match ty {
        TypeRef::Named(n) => *n = name,
        TypeRef::Collection(inner) => rename(inner, name),
        TypeRef::Primitive(_) => {}
    }
}

/// A name without its namespace (`mediaStream` of `callRecords.mediaStream`).
fn short(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// Operation ids from their title slugs, the same in every language: each word of the slug is
/// cased as the API's code writes it anywhere (resource, property and enum names, template
/// segments: `list-calendarview` -> `list_calendar_view`, `list-accessreviewinstances` ->
/// `list_access_review_instances` by `accessReviewInstance`), so a translated page, whose
/// title is prose, gets the id of its English page.
pub fn operation_ids(api: &mut Api) {
    let cased = code_words(api);
    api.operations.par_iter_mut().for_each(|op| {
        let words: Vec<String> = op
            .slug
            .split('-')
            .filter(|w| !w.is_empty())
            .map(|w| recase(w, &cased))
            .collect();
        op.id = crate::page::operation_id(&words.join(" "), &op.page);
    });
}

/// Every identifier the API's code writes with a capital inside (`calendarView`), by its lower
/// case; of several casings, the most written (then the first in order).
fn code_words(api: &Api) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut add = |word: &str| {
        let word = word.rsplit('.').next().unwrap_or(word);
        if word.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && word.chars().all(|c| c.is_ascii_alphanumeric())
        {
            // And its singular, for the slugs that name one (`registeredOwners`).
            for w in [word.to_string(), crate::ir::names::singular(word)] {
                *counts
                    .entry(w.to_ascii_lowercase())
                    .or_default()
                    .entry(w)
                    .or_default() += 1;
            }
        }
    };
    for r in &api.resources {
        add(&r.name);
        for p in r.properties.iter().chain(&r.relationships) {
            add(&p.name);
        }
    }
    for e in &api.enums {
        add(&e.name);
    }
    for op in &api.operations {
        for t in &op.templates {
            for part in t.segments.iter().flatten() {
                if let crate::ir::template::Part::Literal(l) = part {
                    l.split(|c: char| !c.is_ascii_alphanumeric())
                        .for_each(&mut add);
                }
            }
        }
    }
    // The words at the end of a compound, from a hump on (`chartAxis` of `workbookChartAxis`),
    // for slugs that write them alone; a whole identifier wins over such an end.
    let best = |v: BTreeMap<String, usize>| {
        v.into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(w, _)| w)
    };
    let mut ends: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for casings in counts.values() {
        for (word, n) in casings {
            for (i, c) in word.char_indices().skip(1) {
                if c.is_ascii_uppercase() {
                    let end = format!(
                        "{}{}",
                        c.to_ascii_lowercase(),
                        word.get(i + 1..).unwrap_or_default()
                    );
                    if end.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
                        *ends
                            .entry(end.to_ascii_lowercase())
                            .or_default()
                            .entry(end)
                            .or_default() += n;
                    }
                }
            }
        }
    }
    let mut out: BTreeMap<String, String> = ends
        .into_iter()
        .filter_map(|(k, v)| Some((k, best(v)?)))
        .collect();
    for (k, v) in counts {
        if let Some(w) = best(v) {
            out.insert(k, w);
        }
    }
    out
}

/// A slug word cased as the code writes it, or as its singular is written
/// (`windowsinformationprotectionpolicies` by `windowsInformationProtectionPolicy`); as it is
/// when the code does not write it.
fn recase(word: &str, cased: &BTreeMap<String, String>) -> String {
    let singular = crate::ir::names::singular(word);
    let Some(known) = cased.get(word).or_else(|| cased.get(&singular)) else {
        return word.to_string();
    };
    // The known casing over the characters both share, the rest (a plural's end) as written.
    let mut out = String::with_capacity(word.len());
    let mut k = known.chars();
    for c in word.chars() {
        match k.next() {
            Some(x) if x.eq_ignore_ascii_case(&c) => out.push(x),
            _ => {
                out.push(c);
                k = "".chars();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::base::Code;
    use crate::read::source::{Lang, SourceFile};

    fn resource(path: &str, namespace: &str, name: &str, rows: &str) -> SourceFile {
        SourceFile::new(
            path,
            format!(
                "# {name} resource type\n\nNamespace: {namespace}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"@odata.type\": \"{namespace}.{name}\"}} -->\n```json\n{{}}\n```\n"
            ),
            Lang::English,
        )
    }

    #[test]
    fn pages_of_one_type_merge_and_namespaces_stay_apart() {
        let analysis = crate::analyze_sources(&[
            resource(
                "resources/intune-devices-user.md",
                "microsoft.graph",
                "user",
                "| id | String | Key. |\n| managedDeviceCount | Int32 | Intune only. |\n",
            ),
            resource(
                "resources/user.md",
                "microsoft.graph",
                "user",
                "| id | String | Key. |\n| displayName | String | Name. |\n| mail | String | Mail. |\n",
            ),
            resource(
                "resources/mediastream.md",
                "microsoft.graph",
                "mediaStream",
                "| label | String | A label. |\n",
            ),
            resource(
                "resources/callrecords-mediastream.md",
                "microsoft.graph.callRecords",
                "mediaStream",
                "| streamId | String | Id. |\n",
            ),
            resource(
                "resources/callrecords-segment.md",
                "microsoft.graph.callRecords",
                "segment",
                "| media | mediaStream collection | Streams. |\n| linked | [mediaStream](mediastream.md) | The root type, by its link. |\n",
            ),
        ]);
        let api = &analysis.api;
        let names: Vec<&str> = api.resources.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "callRecords.mediaStream",
                "callRecords.segment",
                "mediaStream",
                "user"
            ]
        );
        let user = &api.resources[3];
        assert_eq!(user.page, "resources/user.md");
        let props: Vec<&str> = user.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(props, ["id", "displayName", "mail", "managedDeviceCount"]);
        let merged: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ResourceDocumentedTwice)
            .collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].location.file, "resources/intune-devices-user.md");
        assert_eq!(merged[0].notes[0].location.file, "resources/user.md");
        assert!(merged[0].message.contains("`managedDeviceCount`"));
        // A reference in a sub-namespace means that namespace's type; a link says which.
        let segment = &api.resources[1];
        assert_eq!(
            segment.properties[0].ty,
            crate::ir::TypeRef::Collection(Box::new(crate::ir::TypeRef::Named(
                "callRecords.mediaStream".into()
            )))
        );
        assert_eq!(
            segment.properties[1].ty,
            crate::ir::TypeRef::Named("mediaStream".into())
        );
    }

    #[test]
    fn slug_words_are_cased_as_the_code_writes_them() {
        use std::collections::BTreeMap;
        let cased: BTreeMap<String, String> = [
            ("calendarview", "calendarView"),
            ("accessreviewinstance", "accessReviewInstance"),
            (
                "windowsinformationprotectionpolicy",
                "windowsInformationProtectionPolicy",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(super::recase("calendarview", &cased), "calendarView");
        // A plural by its singular, its end as written.
        assert_eq!(
            super::recase("accessreviewinstances", &cased),
            "accessReviewInstances"
        );
        assert_eq!(
            super::recase("windowsinformationprotectionpolicies", &cased),
            "windowsInformationProtectionPolicies"
        );
        assert_eq!(super::recase("get", &cased), "get");
    }
}
