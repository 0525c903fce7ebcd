//! Coverage of whole API references, read in place from `../shared/corpus`. The floors are what
//! the code reaches today: coverage may only go up.

use codegen::base::Code;
use codegen::report::Report;
use codegen::source::Lang;
use std::path::Path;

struct Floors {
    operations: usize,
    path_templates: usize,
    resources: usize,
    enums: usize,
    request_parsed: usize,
    response_parsed: usize,
    pairs: usize,
}

fn analyze_with_threads(dir: &Path, threads: usize) -> codegen::Analysis {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| codegen::analyze(dir, Lang::English))
        .expect("corpus is readable")
}

fn check_corpus(name: &str, floors: Floors) {
    let Some(dir) = workspace_tests::shared(&format!("corpus/{name}")) else {
        return;
    };
    let a = analyze_with_threads(&dir, 4);
    let r = Report::new(&a);
    eprintln!("{name}:\n{}", r.human());

    assert_eq!(r.pages_failed, 0);
    for (what, found) in [
        ("request", r.request_examples),
        ("response", r.response_examples),
    ] {
        assert!(
            found.percent() >= 99.5,
            "{name}: only {:.2}% of {what} examples parsed",
            found.percent()
        );
    }
    // Every block that did not parse has a located diagnostic of its own.
    let count = |c: Code| a.diagnostics.iter().filter(|d| d.code == c).count();
    assert!(
        count(Code::InvalidRequestBlock) >= r.request_examples.found - r.request_examples.parsed
    );
    assert!(
        count(Code::InvalidResponseBlock) >= r.response_examples.found - r.response_examples.parsed
    );
    assert!(a
        .diagnostics
        .iter()
        .all(|d| d.location.line >= 1 && d.location.col >= 1));

    assert!(
        r.operations >= floors.operations,
        "{name}: operations {} < {}",
        r.operations,
        floors.operations
    );
    assert!(
        r.path_templates >= floors.path_templates,
        "{name}: path templates {}",
        r.path_templates
    );
    assert!(
        r.resources >= floors.resources,
        "{name}: resources {}",
        r.resources
    );
    assert!(r.enums >= floors.enums, "{name}: enums {}", r.enums);
    assert!(
        r.request_examples.parsed >= floors.request_parsed,
        "{name}: requests {:?}",
        r.request_examples
    );
    assert!(
        r.response_examples.parsed >= floors.response_parsed,
        "{name}: responses {:?}",
        r.response_examples
    );
    assert!(r.pairs >= floors.pairs, "{name}: pairs {}", r.pairs);

    // The same bytes whatever the number of threads.
    let one = analyze_with_threads(&dir, 1);
    let ir = |a: &codegen::Analysis| serde_json::to_string(&a.api).expect("IR serializes");
    assert!(
        ir(&one) == ir(&a),
        "{name}: IR differs between 1 and 4 threads"
    );
    assert_eq!(
        one.diagnostics, a.diagnostics,
        "{name}: diagnostics differ between 1 and 4 threads"
    );
    assert_eq!(Report::new(&one), r);
}

#[test]
fn english_corpus_reads_into_the_ir() {
    check_corpus(
        "graph-v1.0-en-2021",
        Floors {
            // Resource and concept pages' unannotated request blocks are illustrations, not
            // operations (8 pages; 25 request blocks); 4 pages whose examples all call other
            // pages' operations are no operations of their own.
            operations: 2107,
            path_templates: 3749,
            resources: 1002,
            enums: 326,
            request_parsed: 2335,
            response_parsed: 2417,
            // A response whose annotation names several requests answers each.
            pairs: 2288,
        },
    );
}

#[test]
fn localized_corpus_reads_into_the_ir() {
    check_corpus(
        "graph-v1.0-zh-CN-2017",
        Floors {
            operations: 491,
            path_templates: 1414,
            resources: 210,
            enums: 8,
            request_parsed: 540,
            response_parsed: 521,
            pairs: 527,
        },
    );
    // Reading the translations instead of the English originals loses nothing either.
    if let Some(dir) = workspace_tests::shared("corpus/graph-v1.0-zh-CN-2017") {
        let english = codegen::analyze(&dir, Lang::English).expect("corpus is readable");
        let localized = codegen::analyze(&dir, Lang::Localized).expect("corpus is readable");
        assert_eq!(localized.pages_failed, 0);
        assert_eq!(localized.stats, english.stats);
        // The success status is read from the translated prose too.
        let statuses = |a: &codegen::Analysis| -> Vec<(String, Option<u16>)> {
            let mut v: Vec<_> = a
                .api
                .operations
                .iter()
                .map(|o| (o.page.clone(), o.success.status))
                .collect();
            v.sort();
            v
        };
        assert_eq!(statuses(&localized), statuses(&english));
    }
}
