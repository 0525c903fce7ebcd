//! The layer table holds in the code: each folder of `src/` says in its `mod.rs` which folders
//! it may import (`//! May import: base, ir.`), ARCHITECTURE.md's table says the same, every
//! file imports only from its own folder and those, and no files or folders import each other
//! in a cycle. Test code (`#[cfg(test)]`) may import anything.
//!
//! Imports are read with syn, as paths: `use` trees and the paths in code (`crate::ir::names::x`,
//! `super::Ctx`, a child module's or an imported name's path), each resolved through the `use`
//! items of the modules it passes to the file that defines the item. Paths inside `quote!` are the
//! generated crate's, not ours, and are skipped.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module of the library: a file, or an inline module in one.
struct Module {
    /// Relative to `src/`.
    file: String,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    /// Names brought in by `use` (a glob under the key `*`), as written.
    imports: Vec<(String, Vec<String>)>,
    /// Paths written in the module's non-test code.
    refs: Vec<Vec<String>>,
}

struct Crate {
    modules: Vec<Module>,
}

/// Macros whose tokens are code of the generated crate.
const GENERATED_CODE_MACROS: &[&str] = &["quote", "quote_spanned", "parse_quote"];

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().contains("test"))
}

impl Crate {
    fn load(src: &Path) -> Crate {
        let mut c = Crate {
            modules: Vec::new(),
        };
        c.add_file(src, "lib.rs", Vec::new(), None);
        c
    }

    fn add_file(&mut self, src: &Path, rel: &str, path: Vec<String>, parent: Option<usize>) {
        let text =
            std::fs::read_to_string(src.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("parsing {rel}: {e}"));
        // A child `x` of `a/mod.rs` or `lib.rs` is `a/x.rs`; of `a/b.rs`, `a/b/x.rs`.
        let dir = match rel
            .strip_suffix("mod.rs")
            .or_else(|| rel.strip_suffix("lib.rs"))
        {
            Some(d) => d.to_string(),
            None => format!("{}/", rel.trim_end_matches(".rs")),
        };
        self.add_items(src, rel, &dir, path, parent, &file.items);
    }

    fn add_items(
        &mut self,
        src: &Path,
        rel: &str,
        dir: &str,
        path: Vec<String>,
        parent: Option<usize>,
        items: &[syn::Item],
    ) {
        let id = self.modules.len();
        self.modules.push(Module {
            file: rel.to_string(),
            parent,
            children: BTreeMap::new(),
            imports: Vec::new(),
            refs: Vec::new(),
        });
        if let Some(p) = parent {
            let name = path.last().cloned().unwrap_or_default();
            self.modules[p].children.insert(name, id);
        }
        for item in items {
            match item {
                syn::Item::Mod(m) if is_test(&m.attrs) => {}
                syn::Item::Mod(m) => {
                    let name = m.ident.to_string();
                    let mut child = path.clone();
                    child.push(name.clone());
                    match &m.content {
                        Some((_, inner)) => self.add_items(
                            src,
                            rel,
                            &format!("{dir}{name}/"),
                            child,
                            Some(id),
                            inner,
                        ),
                        None => {
                            let flat = format!("{dir}{name}.rs");
                            let nested = format!("{dir}{name}/mod.rs");
                            let f = if src.join(&flat).is_file() {
                                flat
                            } else {
                                nested
                            };
                            self.add_file(src, &f, child, Some(id));
                        }
                    }
                }
                syn::Item::Use(u) if !is_test(&u.attrs) => {
                    let mut found = Vec::new();
                    use_paths(&u.tree, &mut Vec::new(), &mut found);
                    for (name, p) in found {
                        self.modules[id].refs.push(p.clone());
                        self.modules[id].imports.push((name, p));
                    }
                }
                other => {
                    if item_attrs(other).is_some_and(is_test) {
                        continue;
                    }
                    let mut refs = Vec::new();
                    token_paths(other.to_token_stream(), &mut refs);
                    self.modules[id].refs.extend(refs);
                }
            }
        }
    }

    /// The module a path written in `from` names, or `None` for another crate's.
    fn resolve(&self, from: usize, segs: &[String], depth: usize) -> Option<usize> {
        if depth > 16 || segs.is_empty() {
            return None;
        }
        let mut cur;
        let mut rest = segs;
        match segs[0].as_str() {
            "crate" => {
                cur = 0;
                rest = &segs[1..];
            }
            "self" | "super" => {
                cur = from;
                while let Some(s) = rest.first() {
                    match s.as_str() {
                        "self" => {}
                        "super" => cur = self.modules[cur].parent?,
                        _ => break,
                    }
                    rest = &rest[1..];
                }
            }
            _ => {
                // A child module, or a name this module imports; else not ours.
                cur = from;
                if !self.modules[from].children.contains_key(&segs[0])
                    && !self.imported(from, &segs[0])
                {
                    return None;
                }
            }
        }
        while let Some(seg) = rest.first() {
            if let Some(&child) = self.modules[cur].children.get(seg) {
                cur = child;
                rest = &rest[1..];
                continue;
            }
            if let Some((_, target)) = self.modules[cur].imports.iter().find(|(n, _)| n == seg) {
                let mut full = target.clone();
                full.extend(rest[1..].iter().cloned());
                // `use super::x` in `cur` is resolved from `cur`.
                if full.first() == Some(seg) && !self.modules[cur].children.contains_key(seg) {
                    return None; // an extern crate's name, imported as itself
                }
                return self.resolve(cur, &full, depth + 1).or(Some(cur));
            }
            break;
        }
        Some(cur)
    }

    fn imported(&self, m: usize, name: &str) -> bool {
        self.modules[m].imports.iter().any(|(n, _)| n == name)
    }

    /// The file-level module (an inline module counts as its file's).
    fn file_of(&self, m: usize) -> &str {
        &self.modules[m].file
    }
}

fn item_attrs(item: &syn::Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Union(i) => &i.attrs,
        _ => return None,
    })
}

/// Every (name, path) a `use` tree brings in; a glob's name is `*`.
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(String, Vec<String>)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut full = prefix.clone();
            let name = n.ident.to_string();
            if name != "self" {
                full.push(name.clone());
            }
            let name = if name == "self" {
                prefix.last().cloned().unwrap_or_default()
            } else {
                name
            };
            out.push((name, full));
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            full.push(r.ident.to_string());
            out.push((r.rename.to_string(), full));
        }
        syn::UseTree::Glob(_) => out.push(("*".into(), prefix.clone())),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_paths(t, prefix, out)),
    }
}

/// The paths (`a::b::c`, two segments or more) in code, outside the generated crate's tokens.
fn token_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let colons = |i: usize| {
        matches!((tts.get(i), tts.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
    };
    let mut i = 0;
    while i < tts.len() {
        match &tts[i] {
            TokenTree::Group(g) => {
                let generated = i >= 2
                    && matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == '!')
                    && matches!(&tts[i - 2], TokenTree::Ident(m) if GENERATED_CODE_MACROS.contains(&m.to_string().as_str()));
                if !generated {
                    token_paths(g.stream(), out);
                }
                i += 1;
            }
            TokenTree::Ident(id) if !(i >= 2 && colons(i - 2)) && colons(i + 1) => {
                let mut segs = vec![id.to_string()];
                let mut j = i + 1;
                while colons(j) {
                    match tts.get(j + 2) {
                        Some(TokenTree::Ident(next)) => {
                            segs.push(next.to_string());
                            j += 3;
                        }
                        _ => break,
                    }
                }
                out.push(segs);
                i = j;
            }
            _ => i += 1,
        }
    }
}

/// The folder of a file: its first component (`lib.rs` is the root, `""`).
fn folder(file: &str) -> &str {
    match file.split_once('/') {
        Some((f, _)) => f,
        None if file == "lib.rs" => "",
        None => file.trim_end_matches(".rs"),
    }
}

/// File -> the files it imports from (itself excluded).
fn file_graph(c: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, module) in c.modules.iter().enumerate() {
        let deps = g.entry(module.file.clone()).or_default();
        for r in &module.refs {
            if let Some(t) = c.resolve(m, r, 0) {
                let tf = c.file_of(t);
                if tf != module.file {
                    deps.insert(tf.to_string());
                }
            }
        }
    }
    g
}

/// The strongly connected components of more than one node (Tarjan's).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on.insert(v);
        let g = s.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Every way `src` breaks the layer table: a folder without its `May import:` line, a table in
/// ARCHITECTURE.md that says otherwise, a file importing from a folder its own does not list,
/// a cycle of files or of folders.
fn violations(src: &Path, architecture: &str) -> Vec<String> {
    let c = Crate::load(src);
    let g = file_graph(&c);
    let mut out = Vec::new();
    let folders: BTreeSet<&str> = g
        .keys()
        .map(|f| folder(f))
        .filter(|f| !f.is_empty())
        .collect();
    let mut table: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in &folders {
        let text = std::fs::read_to_string(src.join(f).join("mod.rs")).unwrap_or_default();
        match may_import(&text) {
            Some(allowed) => {
                table.insert(f, allowed);
            }
            None => out.push(format!("{f}/mod.rs has no `//! May import: ...` line")),
        }
    }
    let documented = architecture_table(architecture);
    for f in &folders {
        match (documented.get(*f), table.get(f)) {
            (None, _) => out.push(format!(
                "ARCHITECTURE.md's folder table has no row for `{f}/`"
            )),
            (Some(d), Some(allowed)) if d != allowed => out.push(format!(
                "ARCHITECTURE.md says `{f}/` may import {d:?}, its mod.rs says {allowed:?}"
            )),
            _ => {}
        }
    }
    for f in documented.keys().filter(|f| !folders.contains(f.as_str())) {
        out.push(format!(
            "ARCHITECTURE.md's folder table names `{f}/`, which does not exist"
        ));
    }
    let mut folder_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, deps) in &g {
        let from = folder(file);
        for d in deps {
            let to = folder(d);
            if from.is_empty() || from == to {
                continue;
            }
            folder_graph
                .entry(from.into())
                .or_default()
                .insert(to.into());
            if table.get(from).is_some_and(|allowed| !allowed.contains(to)) {
                out.push(format!(
                    "{file} imports {d}: `{from}/` may not import `{to}/`"
                ));
            }
        }
    }
    for cycle in cycles(&g) {
        out.push(format!(
            "files import each other in a cycle: {}",
            cycle.join(", ")
        ));
    }
    for cycle in cycles(&folder_graph) {
        out.push(format!(
            "folders import each other in a cycle: {}",
            cycle.join(", ")
        ));
    }
    out
}

/// `//! May import: base, ir.` (or `nothing.`) in a folder's module docs.
fn may_import(text: &str) -> Option<BTreeSet<String>> {
    let line = text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .find_map(|l| {
            l.trim_start_matches("//!")
                .trim()
                .strip_prefix("May import:")
        })?;
    Some(names(line))
}

fn names(list: &str) -> BTreeSet<String> {
    list.trim()
        .trim_end_matches('.')
        .split(',')
        .map(|n| n.trim().trim_matches('`').trim_end_matches('/').to_string())
        .filter(|n| !n.is_empty() && n != "nothing")
        .collect()
}

/// The rows of ARCHITECTURE.md's folder table: `` | `read/` | ... | base, ir | ``, the last cell
/// what the folder may import.
fn architecture_table(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    text.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let name = cells.first()?.strip_prefix('`')?.strip_suffix("/`")?;
            if name.contains('/') || cells.len() < 3 {
                return None;
            }
            Some((name.to_string(), names(cells.last()?)))
        })
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_library_keeps_its_layer_table() {
    let architecture =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ARCHITECTURE.md"))
            .expect("ARCHITECTURE.md is readable");
    let found = violations(&src(), &architecture);
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The reader finds imports at all: a known one of every kind it resolves.
    let g = file_graph(&Crate::load(&src()));
    let imports = |from: &str, to: &str| g.get(from).is_some_and(|d| d.contains(to));
    assert!(
        imports("emit/context.rs", "plan/mod.rs"),
        "a `use crate::` path"
    );
    assert!(
        imports("emit/context.rs", "emit/templates.rs"),
        "a `use super::` path"
    );
    assert!(
        imports("diff/mod.rs", "plan/surface.rs"),
        "a `pub use` of another folder"
    );
    assert!(
        imports("page/mod.rs", "page/text.rs"),
        "a `use self::` path"
    );
}

/// A small crate that breaks every rule once, and what the test says of it.
#[test]
fn a_crate_that_breaks_the_table_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("src");
    let write = |path: &str, text: &str| {
        let p = src.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
        std::fs::write(p, text).expect("write");
    };
    write("lib.rs", "mod low;\nmod high;\nmod loose;\n");
    write(
        "low/mod.rs",
        "//! May import: nothing.\nmod a;\nmod b;\npub use a::A;\n",
    );
    // A path into a higher folder, through a re-export; a cycle of two files.
    write(
        "low/a.rs",
        "pub struct A;\nfn f() -> crate::high::H { super::b::g() }\n",
    );
    write(
        "low/b.rs",
        "pub fn g() -> crate::high::H { let _ = super::a::A; todo!() }\n",
    );
    write(
        "high/mod.rs",
        "//! May import: low.\nmod h;\npub use h::H;\n\
         // Generated code's paths and test code do not count.\n\
         fn q() { quote::quote!(crate::loose::X); }\n\
         #[cfg(test)]\nmod tests { use crate::loose::X; }\n\
         fn ok() -> crate::low::A { crate::low::A }\n",
    );
    write("high/h.rs", "pub struct H;\n");
    write("loose/mod.rs", "//! Nothing said.\npub struct X;\n");
    let architecture =
        "| `low/` | x | nothing |\n| `high/` | x | low, loose |\n| `gone/` | x | low |\n";
    let mut found = violations(&src, architecture);
    found.sort();
    let expected = [
        "ARCHITECTURE.md says `high/` may import {\"loose\", \"low\"}, its mod.rs says {\"low\"}",
        "ARCHITECTURE.md's folder table has no row for `loose/`",
        "ARCHITECTURE.md's folder table names `gone/`, which does not exist",
        "files import each other in a cycle: low/a.rs, low/b.rs",
        "folders import each other in a cycle: high, low",
        "loose/mod.rs has no `//! May import: ...` line",
        "low/a.rs imports high/h.rs: `low/` may not import `high/`",
        "low/b.rs imports high/h.rs: `low/` may not import `high/`",
    ];
    assert_eq!(found, expected);
}
