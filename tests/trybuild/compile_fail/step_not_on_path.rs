// A message has attachments but no messages: a step the docs do not write on the path does
// not exist.
use docs_client::Client;
use docs_client::prelude::*;

async fn nested(client: &Client) -> Result<(), docs_client::Error> {
    client.me().message("id").messages().list().await.map(drop)
}

fn main() {
    drop(nested(&Client::new("t")));
}
