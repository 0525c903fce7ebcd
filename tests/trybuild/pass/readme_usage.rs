// The README's example: list messages, create a draft, send it.
use docs_client::{models::Message, Client, Error};

async fn readme_usage() -> Result<(), Error> {
    let client = Client::new("<access token>");

    let page = client
        .list_messages()
        .query("$select", "subject,isRead")
        .query("$top", "10")
        .await?;
    for message in &page.value {
        println!("{:?} read={:?}", message.subject, message.is_read);
    }
    if let Some(next) = &page.next_link {
        println!("more at {next}");
    }

    let draft = Message {
        subject: Some("Quarterly numbers".into()),
        ..Default::default()
    };
    let created: Message = client.create_message(&draft).await?;
    if let Some(id) = created.id.as_deref() {
        let () = client.message_send(id).await?;
    }
    assert_eq!(docs_client::operations::MESSAGE_SEND.success_status, 202);
    Ok(())
}

fn main() {
    // Compiling is the test; nothing is sent.
    drop(readme_usage());
}
