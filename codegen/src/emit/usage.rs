//! Code a user writes against a generated client, one line per item: every call (each argument
//! `todo!()`, which the compiler takes for any type), every model built with
//! `..Default::default()`, every field read as its type, every enum member matched with a
//! wildcard arm. Compiled against the next release, it proves that the release keeps what this
//! one shipped (#39); each rustc error's line names the item it broke.

use super::models::rust_type;
use super::{Ctx, EmitError, EmitOptions};
use crate::ir::names::fold;
use crate::ir::Api;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// What a line of [`Usage::source`] uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Used {
    /// A call: the operation's id and the template's key.
    Call(String, String),
    /// A model (a resource type), by its documented name.
    Model(String),
    /// A field of a model: the documented names of both.
    Field(String, String),
    /// A member of an enum: the documented names of both.
    Member(String, String),
}

/// The user code: `lib.rs` of a crate that depends on the client, and what each line uses.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// The crate's `lib.rs`.
    pub source: String,
    /// `(line, item)`: the item the 1-based line of `source` uses.
    pub lines: Vec<(usize, Used)>,
}

impl Usage {
    /// The item a line uses, if the line is one.
    pub fn at(&self, line: usize) -> Option<&Used> {
        self.lines
            .binary_search_by_key(&line, |(l, _)| *l)
            .ok()
            .and_then(|i| self.lines.get(i))
            .map(|(_, u)| u)
    }

    /// One line that uses `used` (`line` has no line break).
    fn push(&mut self, line: String, used: Used) {
        let at = self
            .lines
            .last()
            .map_or_else(|| self.source.lines().count(), |l| l.0)
            + 1;
        self.source.push_str(&line);
        self.source.push('\n');
        self.lines.push((at, used));
    }
}

/// The user code of the client that `emit` makes of `api` with `opts`.
pub fn usage(api: &Api, opts: &EmitOptions) -> Result<Usage, EmitError> {
    let cache = super::FormatCache::new();
    let ctx = Ctx::new(api, opts, &cache)?;
    let lib = opts.crate_name.replace('-', "_");
    let mut out = Usage::default();
    // Nothing but the items is checked: deprecated ones are used on purpose, and code after a
    // `todo!()` is unreachable.
    let _ = writeln!(
        out.source,
        "#![allow(deprecated, unreachable_code, unused_imports, dead_code, clippy::all)]\n\
         use {lib}::models::*;\nuse {lib}::prelude::*;\nuse {lib}::Client;"
    );
    let ty = |t: proc_macro2::TokenStream| {
        t.to_string()
            .replace("crate :: runtime :: edm", &format!("{lib} :: edm"))
            .replace("crate :: ", &format!("{lib} :: "))
    };
    let mut n = 0usize;
    let mut next = || {
        n += 1;
        n
    };
    // Each call once (several templates may share one).
    let mut seen = BTreeSet::new();
    for (oi, op) in api.operations.iter().enumerate() {
        for (ti, t) in op.templates.iter().enumerate() {
            let Some(path) = ctx.calls.chain(oi, ti) else {
                continue;
            };
            let Some(fop) = api.operations.get(path.fills.op) else {
                continue;
            };
            let Some(ft) = fop.templates.get(path.fills.template) else {
                continue;
            };
            let mut chain = String::from("client");
            let args = |k: usize| vec!["todo!()"; k].join(", ");
            for s in &path.steps {
                let _ = write!(chain, ".{}({})", s.name, args(s.args.len()));
            }
            let k = path.call.args.len() + super::operations::value_args(fop, ft);
            let _ = write!(chain, ".{}({})", path.call.name, args(k));
            if !seen.insert(chain.clone()) {
                continue;
            }
            out.push(
                format!("pub fn c{}(client: &Client) {{ let _ = {chain}; }}", next()),
                Used::Call(op.id.clone(), t.key()),
            );
        }
    }
    for r in &api.resources {
        let Some(name) = ctx.type_name(&r.name) else {
            continue;
        };
        let ident = ctx.bases.get(&fold(&r.name)).map_or(name, String::as_str);
        out.push(
            format!(
                "pub fn m{}() -> {ident} {{ {ident} {{ ..Default::default() }} }}",
                next()
            ),
            Used::Model(r.name.clone()),
        );
        for (field, p) in super::models::model_fields(&ctx, r).members {
            let field = crate::emit::ident(&field);
            let t = ty(rust_type(&ctx, &p.ty, &r.name));
            out.push(
                format!(
                    "pub fn f{}(m: &{ident}) -> &{lib}::Nullable<{t}> {{ &m.{field} }}",
                    next()
                ),
                Used::Field(r.name.clone(), p.name.clone()),
            );
        }
    }
    let mut enums = BTreeSet::new();
    for e in &api.enums {
        let key = fold(&e.name);
        if !ctx.enums.contains(&key) || !enums.insert(key) {
            continue;
        }
        let Some(ident) = ctx.type_name(&e.name) else {
            continue;
        };
        for (v, m) in super::models::variants_of(e) {
            let v = crate::emit::ident(&v);
            out.push(
                format!(
                    "pub fn e{}(x: &{ident}) -> bool {{ match x {{ {ident}::{v} => true, _ => false }} }}",
                    next()
                ),
                Used::Member(e.name.clone(), m.name.clone()),
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::source::{Lang, SourceFile};

    #[test]
    fn each_call_model_and_field_has_a_line_that_names_it() {
        let op = SourceFile::new(
            "api/message-send.md",
            "# message: send\n\n## HTTP request\n\n```http\nPOST /me/messages/{id}/send\n```\n\n## Response\n\nReturns `202 Accepted`.\n".into(),
            Lang::English,
        );
        let resource = SourceFile::new(
            "resources/message.md",
            "# message resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| subject | String | The subject. |\n| sentDateTime | DateTimeOffset | When. |\n| importance | importance | How important. |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.message\" } -->\n```json\n{\"subject\": \"string\", \"sentDateTime\": \"String (timestamp)\", \"importance\": \"string\"}\n```\n".into(),
            Lang::English,
        );
        let enums = SourceFile::new(
            "resources/enums.md",
            "# Enum values\n\nNamespace: microsoft.graph\n\n### importance values\n\n| Member | Description |\n|:---|:---|\n| low | Low. |\n| high | High. |\n".into(),
            Lang::English,
        );
        let api = crate::analyze_sources(&[op, resource, enums]).api;
        let opts = EmitOptions {
            crate_name: "graph".into(),
            ..Default::default()
        };
        let u = usage(&api, &opts).expect("user code");
        let line = |used: &Used| {
            u.lines
                .iter()
                .find(|(_, x)| x == used)
                .and_then(|(l, _)| u.source.lines().nth(l - 1))
                .unwrap_or_else(|| panic!("no line uses {used:?}:\n{}", u.source))
        };
        let send = Used::Call(
            api.operations[0].id.clone(),
            "POST /me/messages/{}/send".into(),
        );
        assert!(
            line(&send).contains("client.me().message(todo!()).send()"),
            "{}",
            u.source
        );
        assert!(line(&Used::Model("message".into())).contains("Message { ..Default::default() }"));
        let field = line(&Used::Field("message".into(), "sentDateTime".into()));
        assert!(
            field.contains("graph :: edm :: DateTimeOffset") && field.contains("&m.sent_date_time"),
            "{field}"
        );
        let high = line(&Used::Member("importance".into(), "high".into()));
        assert!(
            high.contains("Importance::High => true, _ => false"),
            "{high}"
        );
        assert_eq!(u.at(u.lines[0].0), Some(&u.lines[0].1));
        // The call, the model, its three fields, the two members.
        assert_eq!(u.lines.len(), 7, "{:?}", u.lines);
    }
}
