//! The resource index: resources by name (case-folded once), base-type chains, the concrete
//! derived types of each polymorphic base, and which request bodies a table types. Built once per
//! run and shared by the checks, the derivations, the plan and the printers.
//! `ResourceIndex::fields` is what a model's struct, its areas, its boxing and the API surface
//! see (base-type properties and relationships included).

use crate::ir::names::{resource_name, NameKey};
use crate::ir::{Api, Resource};

/// Resources by documented name, ignoring case (`emailAddress`, `emailaddress.md`). Built once
/// per run: a linear search per type reference was a tenth of the report run on the corpus.
pub struct ResourceIndex<'a> {
    resources: std::collections::BTreeMap<NameKey<'a>, &'a Resource>,
    enums: std::collections::BTreeSet<NameKey<'a>>,
    /// Abstract bases whose derived types the docs list -> the concrete ones among their
    /// descendants, by name.
    polymorphic: std::collections::BTreeMap<NameKey<'a>, Vec<&'a Resource>>,
}

/// A base with more concrete descendants than this is the universal root (`entity`, the base of
/// 170 types in the English corpus; the next largest, `outlookItem`, has 7): an enum of every
/// entity is no type a user can match on, so its values stay the base struct, which keeps every
/// member it does not list.
const MAX_DERIVED_ARMS: usize = 32;

impl<'a> ResourceIndex<'a> {
    /// Indexes the API's resources and enums.
    pub fn new(api: &'a Api) -> Self {
        let mut resources = std::collections::BTreeMap::new();
        for r in &api.resources {
            resources.entry(NameKey(r.name.as_str())).or_insert(r);
        }
        let enums = api.enums.iter().map(|e| NameKey(e.name.as_str())).collect();
        let mut index = ResourceIndex {
            resources,
            enums,
            polymorphic: Default::default(),
        };
        let bases: Vec<(String, &'a Resource)> = index
            .resources
            .values()
            .filter_map(|r| Some((resource_name(r.base_type.as_deref()?), *r)))
            .collect();
        let mut children: std::collections::BTreeMap<NameKey<'_>, Vec<&'a Resource>> =
            Default::default();
        for (base, r) in &bases {
            children.entry(NameKey(base.as_str())).or_default().push(*r);
        }

        let mut polymorphic = std::collections::BTreeMap::new();
        for (key, r) in &index.resources {
            if !r.is_abstract {
                continue;
            }
            let mut concrete = Vec::new();
            let mut seen = std::collections::BTreeSet::from([*key]);
            let mut stack = vec![*key];
            while let Some(name) = stack.pop() {
                for child in children.get(&name).into_iter().flatten() {
                    let k = NameKey(child.name.as_str());
                    if seen.insert(k) {
                        if !child.is_abstract {
                            concrete.push(*child);
                        }
                        stack.push(k);
                    }
                }
            }
            if !concrete.is_empty() && concrete.len() <= MAX_DERIVED_ARMS {
                concrete.sort_by(|a, b| NameKey(&a.name).cmp(&NameKey(&b.name)));
                polymorphic.insert(*key, concrete);
            }
        }
        index.polymorphic = polymorphic;
        index
    }

    /// Whether the operation's request body is typed from its request body table: it takes a
    /// body, the table lists its members, and no documented resource is the body.
    pub fn request_body_from_table(&self, op: &crate::ir::Operation) -> bool {
        op.request_body.as_ref().is_some_and(|b| {
            !b.is_stream() && b.resource.as_deref().and_then(|r| self.get(r)).is_none()
        }) && !op.body_properties.is_empty()
    }

    /// The concrete types a value of `name` may be, by `@odata.type`, when `name` is an abstract
    /// base whose derived types the docs list; `None` for every other type.
    pub fn derived_types(&self, name: &str) -> Option<&[&'a Resource]> {
        // Through the resource, whose name lives as long as the index (every polymorphic base
        // is one), so the answer does too.
        let base = self.get(name)?;
        self.polymorphic
            .get(&NameKey(base.name.as_str()))
            .map(Vec::as_slice)
    }

    /// The resource of a documented name, whatever its case or namespace prefix.
    pub fn get(&self, name: &str) -> Option<&'a Resource> {
        self.resources.get(&NameKey(name)).copied()
    }

    /// Whether an enum table documents `name` (and no resource page does).
    pub fn is_enum(&self, name: &str) -> bool {
        let key = NameKey(name);
        !self.resources.contains_key(&key) && self.enums.contains(&key)
    }

    /// `r` and its documented base types, nearest first (stops at a cycle or an unknown base).
    pub fn chain(&self, r: &'a Resource) -> Vec<&'a Resource> {
        let mut chain = vec![r];
        while let Some(base) = chain
            .last()
            .and_then(|c| c.base_type.as_deref())
            .map(resource_name)
            .and_then(|b| self.get(&b))
        {
            if chain
                .iter()
                .any(|c| NameKey(&c.name) == NameKey(&base.name))
            {
                break;
            }
            chain.push(base);
        }
        chain
    }

    /// The fields of `r`'s model: its properties and relationships and its base types' (as
    /// `all_properties`).
    pub fn fields(&self, r: &'a Resource) -> Vec<&'a crate::ir::Property> {
        self.all_properties(r, true)
    }

    /// The properties of `r` after those of its base types (a redefinition replaces the base's),
    /// with its relationships too when `relationships` is set.
    pub fn all_properties(
        &self,
        r: &'a Resource,
        relationships: bool,
    ) -> Vec<&'a crate::ir::Property> {
        let mut out: Vec<&crate::ir::Property> = Vec::new();
        for res in self.chain(r).iter().rev() {
            let own = res.properties.iter();
            let nav = relationships
                .then_some(res.relationships.iter())
                .into_iter()
                .flatten();
            for p in own.chain(nav) {
                if let Some(q) = out.iter_mut().find(|q| q.name == p.name) {
                    *q = p;
                } else {
                    out.push(p);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::read::source::{Lang, SourceFile};

    fn resource(name: &str, base: Option<&str>, is_abstract: bool) -> SourceFile {
        let base = base
            .map(|b| format!(", \"baseType\": \"microsoft.graph.{b}\""))
            .unwrap_or_default();
        SourceFile::new(
            format!("resources/{}.md", name.to_lowercase()),
            format!(
                "# {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Key. |\n\n## JSON representation\n\n<!-- {{\"blockType\": \"resource\", \"abstract\": {is_abstract}, \"@odata.type\": \"microsoft.graph.{name}\"{base}}} -->\n```json\n{{}}\n```\n"
            ),
            Lang::English,
        )
    }

    #[test]
    fn abstract_bases_with_derived_types_are_polymorphic() {
        let mut sources = vec![
            resource("entity", None, true),
            resource("attachment", Some("entity"), true),
            resource("fileAttachment", Some("attachment"), false),
            resource("fancyAttachment", Some("attachment"), true),
            resource("shinyAttachment", Some("fancyAttachment"), false),
            resource("message", Some("entity"), false),
            resource("event", Some("entity"), false),
            resource("recipient", None, false),
            resource("attendee", Some("recipient"), false),
        ];
        sources.extend(
            (0..super::MAX_DERIVED_ARMS)
                .map(|i| resource(&format!("thing{i}"), Some("entity"), false)),
        );
        let analysis = crate::analyze_sources(&sources);
        let index = crate::ir::index::ResourceIndex::new(&analysis.api);
        let names = |n: &str| -> Option<Vec<String>> {
            index
                .derived_types(n)
                .map(|d| d.iter().map(|r| r.name.clone()).collect())
        };
        // Concrete descendants, through abstract ones, sorted.
        assert_eq!(
            names("attachment"),
            Some(vec!["fileAttachment".into(), "shinyAttachment".into()])
        );
        assert_eq!(
            names("fancyAttachment"),
            Some(vec!["shinyAttachment".into()])
        );
        // Not abstract: a plain struct that keeps what it does not list.
        assert_eq!(names("recipient"), None);
        // The base of more types than an enum should hold is the universal root.
        assert_eq!(names("entity"), None);
        assert_eq!(names("fileAttachment"), None);
    }
}
