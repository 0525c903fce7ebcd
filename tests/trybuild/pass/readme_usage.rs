// The README's example: list messages page by page, then create a draft and send it.
use docs_client::prelude::*; // every area's calls
use docs_client::{models::Message, AuthError, Client, Error, RefreshingToken};

async fn readme_usage() -> Result<(), Error> {
    // Called for the first token, and again when the service answers 401.
    let client = Client::with_token_provider(RefreshingToken::new(|| async {
        std::env::var("GRAPH_TOKEN").map_err(|e| AuthError(e.to_string()))
    }));

    // Page by page, following @odata.nextLink; a page's `next_link` can be stored to resume
    // later with `client.page_from_link::<Message>(&link)`.
    let mut pages = client
        .me()
        .messages()
        .list()
        .select(["subject", "isRead"])
        .top(25)
        .pages();
    while let Some(page) = pages.next().await {
        for message in &page?.value {
            println!("{:?} read={:?}", message.subject, message.is_read);
        }
    }

    let draft = Message {
        subject: "Quarterly numbers".into(),
        ..Default::default()
    };
    let created: Message = client.me().messages().create(&draft).await?;
    if let Some(id) = created.id.as_deref() {
        // Documented as `202 Accepted` with no body.
        let () = client.me().message(id).send().await?;
    }
    assert_eq!(docs_client::operations::MESSAGE_SEND.success_status, 202);
    Ok(())
}

fn main() {
    // Compiling is the test; nothing is sent.
    drop(readme_usage());
}
