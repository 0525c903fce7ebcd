//! The layer table holds in the code: each folder of `src/` says in its `mod.rs` which folders
//! it may import (`//! May import: base, ir.`), ARCHITECTURE.md's table says the same, every
//! file imports only from its own folder and those, and no files or folders import each other
//! in a cycle. Test code (`#[cfg(test)]`) may import anything.
//!
//! Imports are read with syn, as paths: `use` trees and the paths in code (`crate::ir::names::x`,
//! `super::Ctx`, a child module's or an imported name's path), each resolved through the `use`
//! items of the modules it passes to the file that defines the item. Paths inside `quote!` are the
//! generated crate's, not ours, and are skipped.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module of the library: a file, or an inline module in one.
struct Module {
    /// From the crate root: `["emit", "steps"]`.
    path: Vec<String>,
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
            path: path.clone(),
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
                if !generated && g.delimiter() != Delimiter::None || !generated {
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

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn print_graph() {
    let c = Crate::load(&src());
    let g = file_graph(&c);
    for (f, deps) in &g {
        println!(
            "{f}: {}",
            deps.iter().cloned().collect::<Vec<_>>().join(" ")
        );
    }
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (f, deps) in &g {
        for d in deps {
            if folder(f) != folder(d) && !folder(f).is_empty() {
                folders
                    .entry(folder(f).into())
                    .or_default()
                    .insert(folder(d).into());
            }
        }
    }
    println!("--- folders");
    for (f, deps) in &folders {
        println!(
            "{f}: {}",
            deps.iter().cloned().collect::<Vec<_>>().join(" ")
        );
    }
    println!("--- file cycles: {:#?}", cycles(&g));
    println!("--- folder cycles: {:#?}", cycles(&folders));
}
