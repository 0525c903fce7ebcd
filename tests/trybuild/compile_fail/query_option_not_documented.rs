// Typed query options exist only where the page documents them: "List attachments" documents
// `$select` and `$top`, not `$filter`.
use docs_client::Client;

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
