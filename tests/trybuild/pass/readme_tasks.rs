// The README's common tasks, as written there (tests/tests/compile.rs checks that this file holds
// the README's block).
#![allow(dead_code)]

use docs_client::models::{Attachment, Event, Message, PlannerTask, SendMailBody, User};
use docs_client::prelude::*;
use docs_client::{
    Accepted, Client, Cloud, Delta, Error, Nullable, Page, PollPolicy, RawResponse, Request,
    UPLOAD_UNIT,
};

/// Send a mail: documented as `202 Accepted` with no body.
async fn send_mail(client: &Client) -> Result<(), Error> {
    let message = Message {
        subject: "Lunch on Friday?".into(),
        ..Default::default()
    };
    client.me().send_mail(&SendMailBody::new(message)).await
}

/// List users with `$filter` and `$count`, which need `ConsistencyLevel: eventual`.
async fn count_users(client: &Client) -> Result<Option<i64>, Error> {
    let page: Page<User> = client
        .users()
        .list()
        .filter("startswith(displayName,'a')")
        .count(true)
        .consistency_level_eventual()
        .await?;
    Ok(page.count)
}

/// The names of a message's file attachments, following every `@odata.nextLink`.
async fn file_names(client: &Client, message_id: &str) -> Result<Vec<String>, Error> {
    let list = client.me().message(message_id).attachments().list();
    let mut items = list.items();
    let mut names = Vec::new();
    while let Some(attachment) = items.next().await {
        if let Attachment::FileAttachment(file) = attachment? {
            names.extend(file.name);
        }
    }
    Ok(names)
}

/// A drive item's content: the redirect to the download host is followed without the token.
async fn download(client: &Client, item_id: &str) -> Result<Vec<u8>, Error> {
    client.me().drive().item(item_id).content().get().await
}

/// A large file chunk by chunk, never whole in memory.
async fn save(client: &Client, item_id: &str, out: &mut impl std::io::Write) -> Result<(), Error> {
    let mut stream = client.me().drive().item(item_id).content().get().stream().await?;
    while let Some(chunk) = stream.next().await {
        out.write_all(&chunk?).map_err(|e| Error::InvalidArgument(e.to_string()))?;
    }
    Ok(())
}

/// A delta query, resumed from the link stored after the last run; returns the next one. Its
/// items are `Delta<User>`: `@removed` is `removed`, and a cleared property is `Null`, apart
/// from one that did not change (`Absent`).
async fn sync_users(client: &Client, stored: Option<&str>) -> Result<Option<String>, Error> {
    let first = match stored {
        Some(link) => client.page_from_link::<Delta<User>>(link),
        None => client.users().delta().select(["displayName"]).plain(),
    };
    let mut pages = first.pages();
    let mut delta_link = None;
    while let Some(page) = pages.next().await {
        let page = page?;
        for user in &page.value {
            match &user.display_name {
                _ if user.is_removed() => println!("removed: {:?}", user.id),
                Nullable::Value(name) => println!("renamed: {name}"),
                Nullable::Null => println!("name cleared: {:?}", user.id),
                Nullable::Absent => {}
            }
        }
        delta_link = page.delta_link.or(delta_link);
    }
    Ok(delta_link)
}

/// Update an event: only the members set are sent, and `Null` clears one.
async fn move_event(client: &Client, event_id: &str) -> Result<Event, Error> {
    let change = Event {
        subject: "Moved to Friday".into(),
        body: Nullable::Null,
        ..Default::default()
    };
    client.me().event(event_id).update(&change).await
}

/// Archive a team: a long-running operation (`202 Accepted` and a `Location`), followed until
/// it ends; the token goes with each poll only to the client's own host.
async fn archive(client: &Client, team_id: &str) -> Result<serde_json::Value, Error> {
    let accepted: Accepted = client.team(team_id).archive().await?;
    client.wait_for(&accepted, &PollPolicy::default()).await
}

/// A request as a value: built without being sent (no token in it), and a response received
/// elsewhere decoded with the operation's type and errors.
fn as_values(client: &Client, id: &str, received: &RawResponse) -> Result<Message, Error> {
    let call = client.me().message(id).get();
    let request: Request = call.request()?;
    assert_eq!(request.method, "GET");
    call.decode(received)
}

/// A national cloud: requests, and the token, go to its host only.
fn china() -> Client {
    Client::new("token").with_cloud(Cloud::China)
}

/// Several calls in one `$batch` request, each answer decoded with its own call's type; a
/// throttled item is retried on its own.
async fn batch(client: &Client, ids: &[&str]) -> Result<Vec<Message>, Error> {
    let mut batch = client.batch();
    let mut items = Vec::new();
    for id in ids {
        items.push(batch.add(&client.me().message(id).get().select(["subject"]))?);
    }
    let answers = batch.send().await?;
    items.iter().map(|item| answers.get(item)).collect()
}

/// A large file through an upload session: ranges of 320 KiB multiples PUT to the session's
/// URL, which never gets the token; resumable from `nextExpectedRanges`.
async fn upload(client: &Client, upload_url: &str, file: &[u8]) -> Result<serde_json::Value, Error> {
    let upload = client.upload(upload_url).chunk_size(4 * UPLOAD_UNIT);
    match upload.clone().send(file).await {
        Ok(item) => Ok(item),
        // Interrupted: ask the service where it stands, and go on from there.
        Err(_) => {
            let ranges = upload.status().await?;
            upload.resume_from(&ranges).send(file).await
        }
    }
}

/// Rename a planner task only if it has not changed since it was read: its page makes
/// `If-Match` required, so the ETag is an argument of the call, after the body.
async fn rename_task(client: &Client, task_id: &str, etag: &str) -> Result<(), Error> {
    let change = PlannerTask {
        title: "Draft the budget".into(),
        ..Default::default()
    };
    client.planner().task(task_id).update(&change, etag).await
}

fn main() {
    // Compiling is the test; nothing is sent.
}
