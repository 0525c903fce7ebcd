// The README's typed models: enums with an arm for newer members, and dates kept as sent and
// parsed on demand with chrono.
use docs_client::edm::DateTimeOffset;
use docs_client::models::{Importance, Message};

fn main() {
    let message = Message {
        importance: Some(Importance::High),
        created_date_time: Some(DateTimeOffset::from_wire("2017-06-05T10:00:00.0000000Z")),
        ..Default::default()
    };
    let parsed: Option<docs_client::chrono::DateTime<docs_client::chrono::FixedOffset>> = message
        .created_date_time
        .as_ref()
        .and_then(|d| d.parse().ok());
    assert!(parsed.is_some());
    let newer = Importance::from("urgent");
    assert_eq!(newer, Importance::Unrecognized("urgent".into()));
    assert_eq!(newer.as_str(), "urgent");
}
