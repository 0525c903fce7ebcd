// Typed query options exist only where the page documents them: "List attachments" documents
// `$select` and `$top`, not `$filter`. With `StreamExt` in scope too, the error is the page's
// word, not `StreamExt::filter`'s bounds.
#[allow(unused_imports)]
use docs_client::{Client, StreamExt};
use docs_client::prelude::*;

async fn filter_attachments(client: &Client) {
    let _ = client
        .me()
        .message("AAMkAGI2")
        .attachments()
        .list()
        .filter("size gt 1000")
        .await;
}

fn main() {
    drop(filter_attachments(&Client::new("token")));
}
