// Typed headers exist only where the page's header table lists them: "Get message" documents
// no `If-Match`; "Update event" does.
use docs_client::models::Event;
use docs_client::Client;
use docs_client::prelude::*;

async fn conditional(client: &Client) {
    let _ = client.me().event("AAMkAGI2").update(&Event::default()).if_match("W/\"1\"").await;
    let _ = client.me().message("AAMkAGI2").get().if_match("W/\"1\"").await;
}

fn main() {
    drop(conditional(&Client::new("token")));
}
