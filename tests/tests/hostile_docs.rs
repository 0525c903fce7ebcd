//! Hostile docs: names and descriptions written to break out of the generated code (quotes,
//! comment ends, attributes, braces, macros, keywords, right-to-left and other Unicode, empty
//! names), a 10 MB body, JSON nested 10,000 deep, invalid UTF-8, a CR in a header value,
//! annotations that are an array or a number, a page of only `---`. The run must end with
//! located diagnostics or clean output, never a panic; the generated crate (and its conformance
//! tests) must compile with warnings denied; and the doc text must reach the code only inside
//! string literals and doc attributes, which a walk of every generated file's tokens checks.

use codegen::emit::EmitOptions;
use codegen::source::Lang;
use proc_macro2::{TokenStream, TokenTree};
use std::path::Path;

/// In every description: it may appear in the generated code only inside a literal.
const MARKER: &str = "ZqxHostile";

/// Text that would end a string, a comment, an attribute or an item if it reached the code as
/// code.
const BREAKOUTS: &[&str] = &[
    r#"" ); fn evil() {} ("#,
    "*/ fn evil() {} /*",
    r#""] fn evil() {} #[doc = ""#,
    "#[cfg(any())] fn evil() {}",
    "} } fn evil() {} {",
    "macro_rules! evil { () => {} }",
    r#"include!("/etc/passwd");"#,
    "```rust\nfn doctest_evil() {}\n```",
    "\u{202E}live nf\u{202C} right-to-left \u{200F}",
    "名前 ✓ \u{1F600} \\u{0} \\\" '",
];

/// Property names that are not Rust identifiers, or are keywords.
const NAMES: &[&str] = &[
    r#""];fn evil(){}//"#,
    "*/",
    "#[doc]",
    "}",
    "macro_rules!",
    "include!",
    "type",
    "fn",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "await",
    "dyn",
    "r#try",
    "_",
    "名前",
    "\u{202E}evil",
    "9lives",
];

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(path, bytes).expect("page");
}

fn front(title: &str, kind: &str) -> String {
    format!(
        "---\ntitle: \"{}\"\ndescription: \"{MARKER} {}\"\ndoc_type: {kind}\nms.prod: \"outlook\"\n---\n\n",
        title.replace('"', "'"),
        BREAKOUTS[0].replace('"', "'")
    )
}

fn description(i: usize) -> String {
    format!(
        "{MARKER} {}",
        BREAKOUTS[i % BREAKOUTS.len()].replace('\n', " ")
    )
}

/// A resource whose property names and descriptions are hostile, and an enum table of them.
fn widget_resource() -> String {
    let mut page = front("widget resource type", "resourcePageType");
    page.push_str(&format!(
        "# widget resource type\n\nNamespace: microsoft.graph\n\n{}\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n",
        description(1)
    ));
    for (i, name) in NAMES.iter().enumerate() {
        let ty = if i % 3 == 0 { "String" } else { "Int32" };
        page.push_str(&format!(
            "| {} | {ty} | {} |\n",
            name.replace('|', "\\|"),
            description(i)
        ));
    }
    page.push_str(&format!("|  | String | {} |\n", description(3)));
    page.push_str("| mood | widgetMood | The mood. |\n");
    page.push_str("\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.widget\"\n}-->\n```json\n{\n  \"id\": \"string\"\n}\n```\n");
    page
}

fn enum_page() -> String {
    let mut page = front("Enum types", "enumPageType");
    page.push_str("# Enum types\n\nNamespace: microsoft.graph\n\n### widgetMood values\n\n| Member | Description |\n|:---|:---|\n");
    for (i, name) in NAMES.iter().enumerate() {
        page.push_str(&format!(
            "| {} | {} |\n",
            name.replace('|', "\\|"),
            description(i)
        ));
    }
    page
}

/// An operation page whose title, prose, header and example carry the breakouts.
fn widget_get() -> String {
    let mut page = front(&format!("Get widget {}", BREAKOUTS[2]), "apiPageType");
    page.push_str(&format!(
        "# Get widget {}\n\nNamespace: microsoft.graph\n\n{}\n\n## Permissions\n\n|Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n|Delegated (work or school account) | Widget.Read |\n|Delegated (personal Microsoft account) | Not supported. |\n|Application | Widget.Read.All |\n\n",
        BREAKOUTS[2],
        description(4)
    ));
    page.push_str("## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /widgets/{id}\n```\n\n");
    page.push_str(&format!(
        "## Request headers\n\n| Name | Description |\n|:---|:---|\n| Authorization | Bearer {{token}}. Required. |\n| Prefer | {} Optional. |\n\n",
        description(5)
    ));
    page.push_str("## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n## Example\n\n### Request\n\n");
    // A header value with a CR inside it, and one with an encoded CRLF.
    page.push_str("<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_widget\"\n}-->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/w%22%5D1\nPrefer: outlook.timezone=\"UTC\"\rX-Injected: evil\nX-Encoded: a%0d%0aX-Injected: evil\n```\n\n");
    page.push_str("### Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"name\": \"get_widget\",\n  \"@odata.type\": \"microsoft.graph.widget\"\n} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n");
    let mut body = serde_json::Map::new();
    for (i, name) in NAMES.iter().enumerate() {
        let value = if i % 3 == 0 {
            serde_json::Value::from(description(i))
        } else {
            serde_json::Value::from(i)
        };
        body.insert((*name).to_string(), value);
    }
    page.push_str(&serde_json::to_string_pretty(&body).expect("JSON"));
    page.push_str("\n```\n");
    page
}

/// A create page whose request example sends a 10 MB body and whose response nests 10,000 deep.
fn widget_create() -> String {
    let mut page = front("Create widget", "apiPageType");
    page.push_str("# Create widget\n\nNamespace: microsoft.graph\n\nCreate a widget.\n\n## Permissions\n\n|Permission type | Permissions (from least to most privileged) |\n|:---|:---|\n|Application | Widget.ReadWrite.All |\n\n## HTTP request\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /widgets\n```\n\n## Response\n\nIf successful, this method returns a `201 Created` response code and a [widget](../resources/widget.md) object in the response body.\n\n## Example\n\n### Request\n\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"create_widget\"\n}-->\n```http\nPOST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n{\"id\": \"");
    page.push_str(&"x".repeat(10 * 1024 * 1024));
    page.push_str("\"}\n```\n\n### Response\n\n<!-- {\n  \"blockType\": \"response\",\n  \"name\": \"create_widget\",\n  \"@odata.type\": \"microsoft.graph.widget\"\n} -->\n```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\", \"deep\": ");
    page.push_str(&"[".repeat(10_000));
    page.push_str(&"]".repeat(10_000));
    page.push_str("}\n```\n");
    page
}

/// Annotations that are valid JSON but not objects.
fn odd_annotations() -> String {
    let mut page = front("Delete widget", "apiPageType");
    page.push_str("# Delete widget\n\nNamespace: microsoft.graph\n\nDelete a widget.\n\n## HTTP request\n\n<!-- [1, 2] -->\n```http\nDELETE /widgets/{id}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n<!-- 42 -->\n```http\nDELETE https://graph.microsoft.com/v1.0/widgets/1\n```\n\n<!-- \"response\" -->\n```http\nHTTP/1.1 204 No Content\n```\n");
    page
}

fn hostile_docs(dir: &Path) {
    write(dir, "resources/widget.md", widget_resource());
    write(dir, "resources/enums.md", enum_page());
    write(dir, "api/widget-get.md", widget_get());
    write(dir, "api/widget-post.md", widget_create());
    write(dir, "api/widget-delete.md", odd_annotations());
    write(dir, "api/only-dashes.md", "---\n");
    let mut invalid = front("Invalid bytes", "apiPageType").into_bytes();
    invalid.extend_from_slice(b"# Invalid \xff\xfe bytes\n\n\xc3\x28 GET /widgets\n");
    write(dir, "api/invalid-utf8.md", invalid);
}

/// Every token outside a literal (identifiers, punctuation), recursively.
fn code_tokens(stream: TokenStream, out: &mut Vec<String>) {
    for tree in stream {
        match tree {
            TokenTree::Group(g) => code_tokens(g.stream(), out),
            TokenTree::Literal(_) => {}
            other => out.push(other.to_string()),
        }
    }
}

/// The names of every function, macro definition and macro call of a file.
#[derive(Default)]
struct Items {
    fns: Vec<String>,
    macros: Vec<String>,
}

impl<'ast> syn::visit::Visit<'ast> for Items {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.fns.push(f.sig.ident.to_string());
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.fns.push(f.sig.ident.to_string());
        syn::visit::visit_impl_item_fn(self, f);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if let Some(last) = m.path.segments.last() {
            self.macros.push(last.ident.to_string());
        }
        syn::visit::visit_macro(self, m);
    }
    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        if let Some(ident) = &m.ident {
            self.macros.push(ident.to_string());
        }
        syn::visit::visit_item_macro(self, m);
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn hostile_docs_give_located_diagnostics_and_a_crate_that_compiles_with_the_text_in_literals() {
    // Kept under target/ after the run, to read what was generated from what.
    let root = workspace_tests::root();
    let docs = root.join("target").join("hostile").join("docs");
    if docs.exists() {
        std::fs::remove_dir_all(&docs).expect("old hostile docs");
    }
    hostile_docs(&docs);
    let analysis = codegen::analyze(&docs, Lang::English).expect("the run completes");

    // Every diagnostic points into a page of the folder.
    let pages = [
        "resources/widget.md",
        "resources/enums.md",
        "api/widget-get.md",
        "api/widget-post.md",
        "api/widget-delete.md",
        "api/only-dashes.md",
        "api/invalid-utf8.md",
    ];
    for d in &analysis.diagnostics {
        assert!(
            pages.contains(&d.location.file.as_str()) && d.location.line >= 1,
            "a diagnostic not located in a page: {d:?}"
        );
    }
    // A page that cannot be read says so where it is; one of only `---` documents nothing (a
    // thematic break: clean output, like a concept page).
    assert!(
        analysis.diagnostics.iter().any(|d| {
            d.location.file == "api/invalid-utf8.md"
                && d.code == codegen::base::Code::UnreadablePage
        }),
        "{:#?}",
        analysis.diagnostics
    );
    assert!(!analysis
        .api
        .operations
        .iter()
        .any(|o| o.page == "api/only-dashes.md"));
    assert!(!analysis
        .api
        .resources
        .iter()
        .any(|r| r.page == "api/only-dashes.md"));
    // JSON nested 10,000 deep is a located diagnostic, not a stack overflow.
    assert!(
        analysis.diagnostics.iter().any(|d| {
            d.location.file == "api/widget-post.md"
                && d.code == codegen::base::Code::ExampleBodyInvalidJson
        }),
        "{:#?}",
        analysis.diagnostics
    );
    // The hostile operations are modelled, not dropped.
    let ids: Vec<&str> = analysis
        .api
        .operations
        .iter()
        .map(|o| o.page.as_str())
        .collect();
    for page in [
        "api/widget-get.md",
        "api/widget-post.md",
        "api/widget-delete.md",
    ] {
        assert!(ids.contains(&page), "{page} is not an operation: {ids:?}");
    }

    // The crate and its conformance tests build with warnings denied.
    let crate_dir = root.join("target").join("hostile").join("hostile-client");
    let out = xtask::conformance::run(
        &analysis,
        &xtask::conformance::Options {
            work: crate_dir.clone(),
            target_dir: root.join("target").join("e2e"),
            lockfile: Some(root.join("Cargo.lock")),
            remove_binaries: true,
            emit: EmitOptions {
                crate_name: "hostile-client".into(),
                source_label: "hostile".into(),
                ..Default::default()
            },
        },
    )
    .unwrap_or_else(|e| panic!("the generated crate does not build: {e}"));
    assert!(out.generated >= 1, "{}", out.human());

    // The text is in literals only: no token of code carries the marker, and no breakout
    // became an item or a macro.
    let mut files = Vec::new();
    rust_files(&crate_dir, &mut files);
    assert!(files.len() > 5, "{files:?}");
    let mut in_literals = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("generated file");
        in_literals += text.matches(MARKER).count();
        let tokens: TokenStream = text.parse().expect("the file tokenizes");
        let mut code = Vec::new();
        code_tokens(tokens, &mut code);
        let leaked: Vec<&String> = code.iter().filter(|t| t.contains(MARKER)).collect();
        assert!(
            leaked.is_empty(),
            "{}: doc text as code: {leaked:?}",
            file.display()
        );
        let parsed = syn::parse_file(&text).expect("the file parses");
        let mut items = Items::default();
        syn::visit::Visit::visit_file(&mut items, &parsed);
        assert!(
            !items.fns.iter().any(|f| f.contains("evil")),
            "{}: a function from the docs: {:?}",
            file.display(),
            items.fns
        );
        assert!(
            !items.macros.iter().any(|m| m == "evil" || m == "include"),
            "{}: a macro from the docs: {:?}",
            file.display(),
            items.macros
        );
    }
    // The walk saw the text: it is in the crate, as literals and docs.
    assert!(
        in_literals > 20,
        "the doc text is missing from the crate ({in_literals})"
    );
}
