//! One pass over the pulldown-cmark events (with offsets) of a resolved page, yielding its front
//! matter, headings, prose paragraphs (with raw ranges and links), tables, code fences and the
//! `<!-- {...} -->` JSON annotations. An annotation belongs to the next fence when only white space
//! lies between them.
//!
//! Front matter is read here, only at the top of the page (behind a byte order mark too):
//! pulldown-cmark's metadata blocks are off because they also start mid-page, where the `---`
//! lines that close tab groups enclose whole examples; front matter that is not YAML is
//! `invalid-front-matter`.
//!
//! Blocks carry the key of their level-2 section (`http request`, `response`, ...): the heading's
//! `<a name>` anchor when it has one (localized pages, so the key does not depend on the language
//! read), else its text; every heading that starts with `HTTP request` is that section
//! (`## HTTP request (to upload a new file)`). A block answers `is_in(Section)`.

use crate::read::lenient_json::{self, JsonError, Leniency};
use crate::read::rules::{Section, HTTP_REQUEST_KEY};
use crate::read::source::SourceFile;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub offset: usize,
    /// The `<a name="...">` anchor written in the heading: on a translated page, the English
    /// heading's slug (`message-send` on `# <a name="message-send"></a>メッセージ: 送信`).
    pub anchor: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// Range of the paragraph's markdown in the resolved text; searching it gives exact columns.
    pub raw: Range<usize>,
    pub links: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub cells: Vec<String>,
    /// Link targets in each cell, in order.
    pub links: Vec<Vec<String>>,
    /// Each cell's text outside its links, with `{}` for each link: the words around a type
    /// (`{} collection`, `Coleção {}`), whatever the link's text.
    pub frames: Vec<String>,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Fence {
    pub content: String,
    /// Offset of the opening fence line.
    pub offset: usize,
    /// Offset of the first content line.
    pub content_offset: usize,
    /// Index into `Page::annotations` of the annotation right before this fence.
    pub annotation: Option<usize>,
    /// The annotation is separated from the fence by a line of prose (a caption), not only by
    /// white space: it still applies, but the page should be fixed.
    pub annotation_detached: bool,
}

#[derive(Debug, Clone)]
pub struct Annotation {
    /// Offset of `<!--`.
    pub offset: usize,
    pub end: usize,
    pub json: Result<(Value, Vec<Leniency>), JsonError>,
    /// Offset of the JSON body, to locate parse errors.
    pub body_offset: usize,
    pub body: String,
}

impl Annotation {
    pub fn object(&self) -> Option<&serde_json::Map<String, Value>> {
        self.json.as_ref().ok().and_then(|(v, _)| v.as_object())
    }

    pub fn str_key(&self, key: &str) -> Option<&str> {
        self.object()?.get(key)?.as_str()
    }

    /// The annotation's `blockType`, if it names one.
    pub fn block_type(&self) -> Option<BlockType> {
        self.str_key("blockType").map(BlockType::parse)
    }

    /// Booleans are sometimes written as strings (`"truncated": "true"`).
    pub fn bool_key(&self, key: &str) -> Option<bool> {
        match self.object()?.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// `name` may be a string or a list of strings.
    pub fn names(&self) -> Vec<String> {
        match self.object().and_then(|o| o.get("name")) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    Paragraph(Paragraph),
    Table(Table),
    Fence(Fence),
}

#[derive(Debug, Clone)]
pub struct Block {
    /// Normalized text of the enclosing level-2 heading (`http request`, `response`, ...):
    /// read through `is_in`, so that every section is recognized by its rule.
    section: String,
    /// Index into `Page::headings` of the nearest heading above, of any level.
    pub heading: Option<usize>,
    pub kind: BlockKind,
}

impl Block {
    /// Whether the block stands in a section of that role.
    pub fn is_in(&self, section: Section) -> bool {
        section.holds(&self.section)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub front_matter: BTreeMap<String, String>,
    /// Front matter that is there but could not be read: its offset and why.
    pub front_matter_error: Option<(usize, String)>,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub annotations: Vec<Annotation>,
}

impl Page {
    pub fn title(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| h.level == 1)
    }

    pub fn fences(&self) -> impl Iterator<Item = (&Block, &Fence)> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Fence(f) => Some((b, f)),
            _ => None,
        })
    }

    pub fn paragraphs_in(&self, section: Section) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(move |b| match &b.kind {
            BlockKind::Paragraph(p) if b.is_in(section) => Some(p),
            _ => None,
        })
    }

    pub fn tables(&self) -> impl Iterator<Item = (&Block, &Table)> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some((b, t)),
            _ => None,
        })
    }
}

/// The `blockType` of an annotation: the types of the format's annotation schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockType {
    Request,
    Response,
    Ignored,
    Resource,
    Example,
    Samples,
    SimulatedResponse,
    TestParams,
    Permissions,
    /// A type the schema does not know (`requets`).
    Unknown,
}

impl BlockType {
    /// The type a `blockType` value names, as the schema spells it (case matters).
    pub fn parse(text: &str) -> BlockType {
        match text {
            "request" => BlockType::Request,
            "response" => BlockType::Response,
            "ignored" => BlockType::Ignored,
            "resource" => BlockType::Resource,
            "example" => BlockType::Example,
            "samples" => BlockType::Samples,
            "simulatedResponse" => BlockType::SimulatedResponse,
            "testParams" => BlockType::TestParams,
            "permissions" => BlockType::Permissions,
            _ => BlockType::Unknown,
        }
    }
}

/// Lower-cased heading text with whitespace folded: the key sections are recognized by (see
/// `rules::Section`). Every key that starts with the HTTP request key is that key.
pub fn section_key(heading: &str) -> String {
    let key = heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if key.starts_with(HTTP_REQUEST_KEY) {
        HTTP_REQUEST_KEY.to_string()
    } else {
        key
    }
}

pub fn extract(src: &SourceFile) -> Page {
    let text = src.text.as_str();
    // Front matter is read here, and only at the top of the page: pulldown-cmark's metadata
    // blocks also start in the middle of a page, where the `---` that closes a tab group and the
    // next one enclose (and hide) whole examples.
    let mut page = Page::default();
    let body_start = match front_matter(text) {
        Some(fm) => {
            match parse_front_matter(text.get(fm.yaml.clone()).unwrap_or_default()) {
                Ok(map) => page.front_matter = map,
                Err(why) => page.front_matter_error = Some((fm.yaml.start, why)),
            }
            fm.end
        }
        None => text.len() - text.trim_start_matches('\u{feff}').len(),
    };
    let Some(body) = text.get(body_start..) else {
        return page;
    };
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    let mut reader = Reader {
        text,
        page,
        section: String::new(),
        top_section: String::new(),
        heading: None,
        open: Open::None,
        anchor_key: None,
    };
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        // Offsets in the page, not in its body after the front matter.
        reader.event(event, range.start + body_start..range.end + body_start);
    }
    let mut page = reader.page;
    attach_annotations(text, &mut page);
    page
}

/// What is being collected right now.
enum Open {
    None,
    Heading {
        level: u8,
        text: String,
        offset: usize,
    },
    Paragraph {
        text: String,
        raw: Range<usize>,
        links: Vec<String>,
    },
    Fence {
        content: String,
        offset: usize,
        /// Where the content starts, once a line of it is seen.
        first: Option<usize>,
    },
    Table {
        table: Table,
        cells: Vec<CellText>,
        in_body: bool,
        /// Where the current row starts.
        row_at: usize,
    },
}

/// One pass over a page's pulldown-cmark events: the blocks, each with the key of its section.
struct Reader<'t> {
    text: &'t str,
    page: Page,
    /// The key of the section blocks are in now, and of the `##` section around it.
    section: String,
    top_section: String,
    /// The index of the last heading.
    heading: Option<usize>,
    open: Open,
    /// The `<a name>` anchor of the heading being read.
    anchor_key: Option<String>,
}

impl Reader<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.open = Open::Heading {
                    level: level as u8,
                    text: String::new(),
                    offset: range.start,
                }
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Paragraph) if matches!(self.open, Open::None) => {
                self.open = Open::Paragraph {
                    text: String::new(),
                    raw: range,
                    links: Vec::new(),
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Open::Paragraph { text, raw, links } = self.close() {
                    let text = text.trim().to_string();
                    self.push(BlockKind::Paragraph(Paragraph { text, raw, links }));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.link(Some(&dest_url)),
            Event::End(TagEnd::Link) => self.link(None),
            // The info string (`http`, `json`) is not read: a block is classed by its annotation
            // and its first line.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                self.open = Open::Fence {
                    content: String::new(),
                    offset: range.start,
                    first: None,
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Open::Fence {
                    content,
                    offset,
                    first,
                } = self.close()
                {
                    self.push(BlockKind::Fence(Fence {
                        content,
                        offset,
                        content_offset: first.unwrap_or(range.end),
                        annotation: None,
                        annotation_detached: false,
                    }));
                }
            }
            Event::Start(Tag::Table(_))
            | Event::Start(Tag::TableRow)
            | Event::Start(Tag::TableCell)
            | Event::End(TagEnd::TableHead)
            | Event::End(TagEnd::TableRow)
            | Event::End(TagEnd::Table) => self.table(event, range),
            Event::Start(Tag::HtmlBlock) => {
                collect_annotations(self.text, range, &mut self.page.annotations);
            }
            Event::InlineHtml(html) => {
                // Localized headings carry their English key as an anchor: `<a name="http-request">`.
                if matches!(self.open, Open::Heading { .. }) {
                    if let Some(anchor) = anchor_name(&html) {
                        self.anchor_key = Some(anchor);
                    }
                }
                // `<br/>` breaks a line (cells list items so: `User.Read<br/>Group.Read.All`).
                if is_line_break(&html) {
                    self.line_break();
                }
                collect_annotations(self.text, range, &mut self.page.annotations);
            }
            Event::Text(t) | Event::Code(t) => self.text(&t, range),
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            _ => {}
        }
    }

    /// A link starts (`Some` of its target) or ends (`None`): a paragraph keeps its target, a
    /// cell its target and the frame around its text.
    fn link(&mut self, start: Option<&str>) {
        match (&mut self.open, start) {
            (Open::Paragraph { links, .. }, Some(url)) => links.push(url.to_string()),
            (Open::Table { cells, .. }, Some(url)) => {
                if let Some(cell) = cells.last_mut() {
                    cell.links.push(url.to_string());
                    cell.frame.push_str("{}");
                    cell.in_link = true;
                }
            }
            (Open::Table { cells, .. }, None) => {
                if let Some(cell) = cells.last_mut() {
                    cell.in_link = false;
                }
            }
            _ => {}
        }
    }

    /// A soft or hard line break: a space in text.
    fn line_break(&mut self) {
        match &mut self.open {
            Open::Paragraph { text, .. } | Open::Heading { text, .. } => text.push(' '),
            Open::Table { cells, .. } => {
                if let Some(c) = cells.last_mut() {
                    c.text.push(' ');
                    c.frame.push(' ');
                }
            }
            _ => {}
        }
    }

    /// What was open, which is closed now.
    fn close(&mut self) -> Open {
        std::mem::replace(&mut self.open, Open::None)
    }

    /// A block in the current section, under the last heading.
    fn push(&mut self, kind: BlockKind) {
        self.page.blocks.push(Block {
            section: self.section.clone(),
            heading: self.heading,
            kind,
        });
    }

    /// A heading ends: its key (its anchor's, else its text's) is the section of what follows.
    fn end_heading(&mut self) {
        let Open::Heading {
            level,
            text,
            offset,
        } = self.close()
        else {
            return;
        };
        let text = text.trim().to_string();
        let anchor = self.anchor_key.take();
        let key = match &anchor {
            Some(a) => section_key(&a.replace('-', " ")),
            None => section_key(&text),
        };
        if level == 2 {
            self.section.clone_from(&key);
            self.top_section = key;
        } else if level > 2 {
            // Pages with one `##` per variant put `### HTTP request` under each, and some a
            // `### Request body` under `## HTTP request` (or a variant's `##`, but not under an
            // example); any other deeper heading is part of its `##` section.
            let body =
                Section::RequestBody.holds(&key) && !Section::Examples.holds(&self.top_section);
            self.section = if Section::HttpRequest.holds(&key) || body {
                key
            } else {
                self.top_section.clone()
            };
        }
        self.heading = Some(self.page.headings.len());
        self.page.headings.push(Heading {
            level,
            text,
            offset,
            anchor,
        });
    }

    /// The events of a table: its head, rows and cells.
    fn table(&mut self, event: Event, range: Range<usize>) {
        match (event, &mut self.open) {
            (Event::Start(Tag::Table(_)), _) => {
                self.open = Open::Table {
                    table: Table {
                        header: Vec::new(),
                        rows: Vec::new(),
                        offset: range.start,
                    },
                    cells: Vec::new(),
                    in_body: false,
                    row_at: range.start,
                }
            }
            (Event::Start(Tag::TableRow), Open::Table { cells, row_at, .. }) => {
                cells.clear();
                *row_at = range.start;
            }
            (Event::Start(Tag::TableCell), Open::Table { cells, .. }) => {
                cells.push(CellText::default());
            }
            (
                Event::End(TagEnd::TableHead),
                Open::Table {
                    table,
                    cells,
                    in_body,
                    ..
                },
            ) => {
                table.header = cells.iter().map(|c| c.text.trim().to_string()).collect();
                cells.clear();
                *in_body = true;
            }
            (
                Event::End(TagEnd::TableRow),
                Open::Table {
                    table,
                    cells,
                    in_body: true,
                    row_at,
                },
            ) => {
                table.rows.push(TableRow {
                    cells: cells.iter().map(|c| c.text.trim().to_string()).collect(),
                    links: cells.iter().map(|c| c.links.clone()).collect(),
                    frames: cells.iter().map(|c| c.frame.trim().to_string()).collect(),
                    offset: *row_at,
                });
            }
            (Event::End(TagEnd::Table), _) => {
                if let Open::Table { table, .. } = self.close() {
                    self.push(BlockKind::Table(table));
                }
            }
            _ => {}
        }
    }

    /// Text (or inline code) of what is open.
    fn text(&mut self, t: &str, range: Range<usize>) {
        match &mut self.open {
            Open::Heading { text, .. } | Open::Paragraph { text, .. } => text.push_str(t),
            Open::Fence { content, first, .. } => {
                first.get_or_insert(range.start);
                content.push_str(t);
            }
            Open::Table { cells, .. } => {
                if let Some(c) = cells.last_mut() {
                    c.text.push_str(t);
                    if !c.in_link {
                        c.frame.push_str(t);
                    }
                }
            }
            Open::None => {}
        }
    }
}

/// A table cell as it is read.
#[derive(Default)]
struct CellText {
    text: String,
    links: Vec<String>,
    frame: String,
    in_link: bool,
}

/// The `name` of an `<a name="...">` tag.
fn anchor_name(html: &str) -> Option<String> {
    let rest = html.trim_start().strip_prefix("<a")?;
    let at = rest.find("name=\"")? + "name=\"".len();
    let end = rest.get(at..)?.find('"')?;
    let name = rest.get(at..at + end)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Every `<!-- {...} -->` comment inside an HTML block or inline HTML.
fn collect_annotations(text: &str, range: Range<usize>, out: &mut Vec<Annotation>) {
    let Some(html) = text.get(range.clone()) else {
        return;
    };
    let mut pos = 0;
    while let Some(open) = html.get(pos..).and_then(|r| r.find("<!--")) {
        let start = pos + open;
        let body_start = start + 4;
        let (body_end, end) = match html.get(body_start..).and_then(|r| r.find("-->")) {
            Some(e) => (body_start + e, body_start + e + 3),
            None => (html.len(), html.len()),
        };
        let raw = html.get(body_start..body_end).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if body.starts_with('{') {
            out.push(Annotation {
                offset: range.start + start,
                end: range.start + end,
                json: lenient_json::parse(body),
                body_offset: range.start + body_start + lead,
                body: body.to_string(),
            });
        }
        pos = end;
    }
}

/// An annotation belongs to the first fence after it when only white space lies between them;
/// also when a short caption stands between them (no heading, table, list or other comment),
/// which real pages do: the fence is then marked `annotation_detached`.
fn attach_annotations(text: &str, page: &mut Page) {
    let mut next = 0;
    for block in &mut page.blocks {
        let BlockKind::Fence(fence) = &mut block.kind else {
            continue;
        };
        while let Some(a) = page.annotations.get(next) {
            if a.end > fence.offset {
                break;
            }
            let gap = text.get(a.end..fence.offset).unwrap_or("x");
            let is_last_before_fence = page
                .annotations
                .get(next + 1)
                .is_none_or(|n| n.offset > fence.offset);
            if gap.trim().is_empty() {
                fence.annotation = Some(next);
                fence.annotation_detached = false;
            } else if is_last_before_fence && is_caption(gap) {
                fence.annotation = Some(next);
                fence.annotation_detached = true;
            }
            next += 1;
        }
    }
}

/// At most two short lines of prose: no heading, table, list item, fence or block quote.
fn is_caption(gap: &str) -> bool {
    let lines: Vec<&str> = gap
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    !lines.is_empty()
        && lines.len() <= 2
        && lines.iter().all(|l| {
            !l.starts_with(['#', '|', '-', '*', '>', '`', '~', '<']) || l.starts_with("<span")
        })
}

/// Where a page's front matter is: a `---` line first (after a byte order mark, if any), then
/// the YAML, then a `---` or `...` line.
struct FrontMatter {
    yaml: Range<usize>,
    /// Where the markdown after it starts.
    end: usize,
}

fn front_matter(text: &str) -> Option<FrontMatter> {
    let start = text.len() - text.trim_start_matches('\u{feff}').len();
    let mut lines = text.get(start..)?.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first.len();
    let mut pos = yaml_start;
    for line in lines {
        if matches!(line.trim_end(), "---" | "...") {
            return Some(FrontMatter {
                yaml: yaml_start..pos,
                end: pos + line.len(),
            });
        }
        pos += line.len();
    }
    None
}

/// Front matter as flat `key: value` pairs. Nearly every page holds only such lines; they are
/// read directly (a YAML parser per page was 6% of a corpus run), anything else goes to yaml-rust2.
fn parse_front_matter(yaml: &str) -> Result<BTreeMap<String, String>, String> {
    match flat_front_matter(yaml) {
        Some(map) => Ok(map),
        None => yaml_front_matter(yaml),
    }
}

fn flat_front_matter(yaml: &str) -> Option<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for line in yaml.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            return None;
        }
        let (k, v) = line.split_once(':')?;
        let v = v.trim();
        if v.starts_with(['[', '{', '|', '>', '&', '*', '!']) || v.contains(" #") {
            return None;
        }
        let v = match (
            v.strip_prefix('"').and_then(|x| x.strip_suffix('"')),
            v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')),
        ) {
            (Some(q), _) if !q.contains(['"', '\\']) => q,
            (_, Some(q)) if !q.contains('\'') => q,
            _ if v.starts_with(['"', '\'']) => return None,
            _ => v,
        };
        map.insert(k.trim().to_string(), v.to_string());
    }
    Some(map)
}

fn yaml_front_matter(yaml: &str) -> Result<BTreeMap<String, String>, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let mut map = BTreeMap::new();
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| e.to_string())?;
    let h = match docs.into_iter().next() {
        Some(Yaml::Hash(h)) => h,
        None => return Ok(map),
        Some(_) => return Err("the front matter is not a list of `key: value` lines".into()),
    };
    for (k, v) in h {
        let Some(k) = k.as_str() else { continue };
        let v = match v {
            Yaml::String(s) | Yaml::Real(s) => s,
            Yaml::Integer(i) => i.to_string(),
            Yaml::Boolean(b) => b.to_string(),
            Yaml::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        map.insert(k.to_string(), v);
    }
    Ok(map)
}

/// Whether inline HTML is a line break: `<br>`, `<br/>`, `<br />` in any case.
fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '/')
        .collect();
    tag.eq_ignore_ascii_case("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::source::Lang;

    fn page(md: &str) -> Page {
        extract(&SourceFile::new("a.md", md.to_string(), Lang::English))
    }

    #[test]
    fn front_matter_headings_and_sections() {
        let p = page("---\ntitle: \"x\"\nms.prod: outlook\n---\n# Get thing\n\nText.\n\n## HTTP request\n\n```http\nGET /things\n```\n");
        assert_eq!(
            p.front_matter.get("ms.prod").map(String::as_str),
            Some("outlook")
        );
        assert_eq!(p.title().map(|h| h.text.as_str()), Some("Get thing"));
        let (b, f) = p.fences().next().unwrap();
        assert_eq!(b.section, "http request");
        assert_eq!(f.content, "GET /things\n");
    }

    #[test]
    fn flat_front_matter_agrees_with_yaml() {
        let text = "title: \"message: send\"\ndescription: Send it.\nms.prod: 'outlook'\ndoc_type: apiPageType\ncount: 3\n";
        assert_eq!(flat_front_matter(text), yaml_front_matter(text).ok());
        assert_eq!(flat_front_matter("tags:\n  - a\n"), None);
        assert_eq!(
            parse_front_matter("tags:\n  - a\n  - b\n")
                .ok()
                .and_then(|m| m.get("tags").cloned())
                .as_deref(),
            Some("a, b")
        );
    }

    #[test]
    fn front_matter_only_at_the_top() {
        // Behind a byte order mark.
        let p = page("\u{feff}---\nms.prod: outlook\n---\n# T\n");
        assert_eq!(
            p.front_matter.get("ms.prod").map(String::as_str),
            Some("outlook")
        );
        assert_eq!(p.title().map(|h| h.text.as_str()), Some("T"));
        // Tab groups close with `---`: two of them enclose examples, which stay examples.
        let md = "---\ntitle: t\n---\n# T\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\"blockType\": \"request\"} -->\n```http\nGET /a\n```\n---\n\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n```\n\n---\n";
        let p = page(md);
        assert_eq!(p.fences().count(), 2);
        assert_eq!(p.annotations.len(), 2);
        assert!(p.fences().all(|(_, f)| f.annotation.is_some()));
        // Front matter that is not YAML is reported, not dropped in silence.
        let p = page("---\ntitle: [unclosed\n---\n# T\n");
        assert!(p.front_matter_error.is_some());
        assert_eq!(p.title().map(|h| h.text.as_str()), Some("T"));
    }

    #[test]
    fn annotation_attaches_across_blank_lines_and_captions() {
        let p = page("<!-- { \"blockType\": \"request\", \"name\": \"a\", } -->\n\n```http\nGET /a\n```\n\n<!-- {\"blockType\": \"response\"} -->\nSome words.\n\n```http\nHTTP/1.1 200 OK\n```\n");
        let fences: Vec<_> = p
            .fences()
            .map(|(_, f)| (f.annotation, f.annotation_detached))
            .collect();
        assert_eq!(fences, vec![(Some(0), false), (Some(1), true)]);
        let a = &p.annotations[0];
        assert_eq!(a.str_key("blockType"), Some("request"));
        assert_eq!(a.json.as_ref().unwrap().1, vec![Leniency::TrailingComma]);
    }

    #[test]
    fn localized_headings_are_keyed_by_their_anchor() {
        let p = extract(&SourceFile::new(
            "a.md",
            "## <a name=\"http-request\"></a><span data-ttu-id=\"1\">HTTP 请求</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">HTTP request</span></span>\n```http\nGET /a\n```\n".to_string(),
            Lang::Localized,
        ));
        assert_eq!(p.headings[0].text, "HTTP 请求");
        assert_eq!(p.fences().next().unwrap().0.section, "http request");
    }

    #[test]
    fn annotation_cut_off_by_a_caption_still_applies() {
        let p = page("## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\nA user's calendar.\n```http\nDELETE /me/calendars/{id}\n```\n\n<!-- {\"blockType\": \"response\"} -->\n## Heading\n\n```http\nHTTP/1.1 200 OK\n```\n");
        let fences: Vec<_> = p
            .fences()
            .map(|(_, f)| (f.annotation, f.annotation_detached))
            .collect();
        assert_eq!(fences, vec![(Some(0), true), (None, false)]);
    }

    #[test]
    fn tables_keep_header_and_rows() {
        let p = page("## Permissions\n\n|Permission type | Permissions|\n|:--|:--|\n|Application | Mail.Send, Mail.Read |\n");
        let (b, t) = p.tables().next().unwrap();
        assert_eq!(b.section, "permissions");
        assert_eq!(t.header, vec!["Permission type", "Permissions"]);
        assert_eq!(t.rows[0].cells, vec!["Application", "Mail.Send, Mail.Read"]);
    }

    #[test]
    fn a_line_break_in_a_cell_separates_its_words() {
        let p = page("## Permissions\n\n|Permission type | Permissions|\n|:--|:--|\n|Application | For **user** resource:<br/>User.Read, User.ReadWrite.All<br /><br />For **group** resource:<BR>Group.Read.All |\n");
        let (_, t) = p.tables().next().unwrap();
        let cell = t.rows[0].cells[1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(cell.contains("User.ReadWrite.All For"), "{cell}");
        assert!(cell.contains(": Group.Read.All"), "{cell}");
    }

    #[test]
    fn paragraph_keeps_links_and_raw_range() {
        let md = "## Request body\n\nSupply a [message](../resources/message.md) object.\n";
        let p = page(md);
        let para = p.paragraphs_in(Section::RequestBody).next().unwrap();
        assert_eq!(para.links, vec!["../resources/message.md"]);
        assert!(md[para.raw.clone()].starts_with("Supply a [message]"));
    }
}
