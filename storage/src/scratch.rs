//! Throwaway databases for tests and benchmarks: a fresh, migrated database on either backend,
//! removed afterwards. One helper, so that tests and benchmarks make them the same way.

use crate::{with_pool, Db, Result, StorageError};
use std::sync::atomic::{AtomicU64, Ordering};

/// A fresh database and what removes it.
pub struct Scratch {
    /// The database, migrated.
    pub db: Db,
    /// Its URL, for other processes.
    pub url: String,
    /// "sqlite" or "postgres".
    pub backend: &'static str,
    admin: Option<(Db, String)>,
    dir: Option<std::path::PathBuf>,
}

/// A name no other scratch database of this machine has now.
fn unique(label: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{label}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl Scratch {
    /// A fresh migrated database: for "sqlite" a file in a new temporary folder, for
    /// "postgres" a new database on the server `TEST_POSTGRES_URL` names. `label` starts its
    /// name (letters, digits and `_`).
    pub async fn new(backend: &str, label: &str) -> Result<Scratch> {
        let name = unique(label);
        let scratch = match backend {
            "sqlite" => {
                let dir = std::env::temp_dir().join(&name);
                let url = format!("sqlite://{}/scratch.db", dir.display());
                Scratch {
                    db: Db::connect(&url).await?,
                    url,
                    backend: "sqlite",
                    admin: None,
                    dir: Some(dir),
                }
            }
            "postgres" => {
                let admin_url = std::env::var("TEST_POSTGRES_URL").map_err(|_| {
                    StorageError::BadUrl(
                        "TEST_POSTGRES_URL must name a PostgreSQL server for the postgres half \
                         (e.g. postgres://postgres@127.0.0.1:5432/postgres)"
                            .into(),
                    )
                })?;
                let admin = Db::connect(&admin_url).await?;
                // The name is made here of a label, digits and underscores: no caller text.
                with_pool!(&admin, p => sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(p)
                    .await
                    .map(|_| ()))?;
                let base = admin_url.split('?').next().unwrap_or(&admin_url);
                let url = match base.rfind('/') {
                    Some(i) if i > "postgres://".len() => format!("{}/{name}", &base[..i]),
                    _ => format!("{base}/{name}"),
                };
                Scratch {
                    db: Db::connect(&url).await?,
                    url,
                    backend: "postgres",
                    admin: Some((admin, name)),
                    dir: None,
                }
            }
            other => return Err(StorageError::BadUrl(format!("unknown backend {other}"))),
        };
        scratch.db.migrate().await?;
        Ok(scratch)
    }

    /// Closes the database and removes it.
    pub async fn remove(self) {
        self.db.close().await;
        if let Some((admin, name)) = self.admin {
            let _ = with_pool!(&admin, p => sqlx::query(
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            )
            .execute(p)
            .await
            .map(|_| ()));
            admin.close().await;
        }
        if let Some(dir) = self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
