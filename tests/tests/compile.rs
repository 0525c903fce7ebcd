//! The generated API compiles when used as README shows, and rejects misuse.

#[test]
fn generated_api_compiles_as_documented_and_rejects_misuse() {
    let t = trybuild::TestCases::new();
    t.pass("trybuild/pass/*.rs");
    t.compile_fail("trybuild/compile_fail/*.rs");
}
