//! `sen-receiver keys create NAME | list | revoke NAME | audit`: the staff API's keys, made
//! and revoked by the operator on the receiver's own database, and the audit of what each key
//! read and changed. A key is printed once, when made; only its hash is kept.

use sen_receiver::store::staff::Revoked;
use sen_receiver::Store;

use crate::args::KeysCommand;

/// Runs the command; what to print on standard output, or why it failed.
pub async fn run(store: &Store, command: &KeysCommand) -> Result<String, String> {
    let now = sen_receiver::time::stamp(std::time::SystemTime::now()).1;
    let failed = |e: sen_receiver::store::StoreError| format!("the database: {e}");
    match command {
        KeysCommand::Create(name) => {
            let key = sen_receiver::keys::generate()
                .ok_or_else(|| "the system gave no random bytes for a key".to_owned())?;
            let hash = sen_receiver::keys::hash(&key);
            if store.add_key(name, &hash, &now).await.map_err(failed)? {
                Ok(key)
            } else {
                Err(format!(
                    "there is already a key named {name} (a name is not used again, even once revoked)"
                ))
            }
        }
        KeysCommand::List => {
            let keys = store.keys().await.map_err(failed)?;
            let rows: Vec<serde_json::Value> = keys
                .iter()
                .map(|k| {
                    serde_json::json!({
                        "name": k.name,
                        "createdAt": k.created_at,
                        "revokedAt": k.revoked_at,
                    })
                })
                .collect();
            Ok(serde_json::Value::Array(rows).to_string())
        }
        KeysCommand::Revoke(name) => match store.revoke_key(name, &now).await.map_err(failed)? {
            Revoked::Now => Ok(format!("revoked the key {name}")),
            Revoked::Already => Ok(format!("the key {name} was already revoked")),
            Revoked::NoSuchKey => Err(format!("there is no key named {name}")),
        },
        KeysCommand::Audit => {
            let rows = store.audit_rows().await.map_err(failed)?;
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "at": r.at,
                        "key": r.key_name,
                        "action": r.action,
                        "reference": r.reference,
                        "detail": r.detail,
                    })
                })
                .collect();
            Ok(serde_json::Value::Array(rows).to_string())
        }
    }
}
