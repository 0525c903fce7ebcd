// The README's typed models: enums with an arm for newer members, and dates kept as sent and
// parsed on demand with chrono.
use docs_client::edm::DateTimeOffset;
use docs_client::models::{Importance, Message};
use docs_client::prelude::*;

fn main() {
    let message = Message {
        importance: Importance::High.into(),
        created_date_time: DateTimeOffset::from_wire("2017-06-05T10:00:00.0000000Z").into(),
        ..Default::default()
    };
    let parsed: Option<docs_client::chrono::DateTime<docs_client::chrono::FixedOffset>> = message
        .created_date_time
        .value()
        .and_then(|d| d.parse().ok());
    assert!(parsed.is_some());
    let newer = Importance::from("urgent");
    assert_eq!(newer, Importance::Unrecognized("urgent".into()));
    assert_eq!(newer.as_str(), "urgent");
}

// An abstract base is an enum of its derived types, chosen by `@odata.type`; a type the docs do
// not list decodes into `Other`, which keeps what it does not know.
#[allow(dead_code)]
fn attachment_names(attachments: &[docs_client::models::Attachment]) -> Vec<String> {
    use docs_client::models::Attachment;
    attachments
        .iter()
        .map(|a| match a {
            Attachment::FileAttachment(f) => format!("file {:?}", f.name),
            Attachment::ReferenceAttachment(r) => format!("link {:?}", r.source_url),
            Attachment::Other(other) => format!("{:?} {:?}", a.odata_type(), other.name),
            // The enum is non-exhaustive: newer docs may document another attachment type.
            _ => format!("{:?}", a.odata_type()),
        })
        .collect()
}

// A request body typed from its page's request body table: required members are plain fields.
#[allow(dead_code)]
async fn send_without_a_draft(client: &docs_client::Client) -> Result<(), docs_client::Error> {
    use docs_client::models::{Message, SendMailBody};
    let body = SendMailBody {
        message: Message {
            subject: "Lunch on Friday?".into(),
            ..Default::default()
        },
        save_to_sent_items: false.into(),
        additional_properties: Default::default(),
    };
    client.me().send_mail(&body).await
}
