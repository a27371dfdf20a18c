//! `/open-data`: the convention's datasets, each in CSV, ODS and JSON, under the Licence
//! Ouverte / Open Licence 2.0.

use crate::i18n::{use_locale, Locale};
use domain::opendata::{Dataset, Format, LICENCE_NAME, LICENCE_URL};
use leptos::prelude::*;
use leptos_meta::Title;

/// A dataset's title, and what it holds.
fn description(d: Dataset, locale: Locale) -> (&'static str, &'static str) {
    let t = locale.texts();
    match d {
        Dataset::Topics => (t.dataset_topics_title, t.dataset_topics),
        Dataset::Proposals => (t.dataset_proposals_title, t.dataset_proposals),
        Dataset::Comments => (t.dataset_comments_title, t.dataset_comments),
        Dataset::Rounds => (t.dataset_rounds_title, t.dataset_rounds),
        Dataset::Ballots => (t.dataset_ballots_title, t.dataset_ballots),
    }
}

/// The list of datasets.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=locale.texts().open_data/>
        <h1>{locale.texts().open_data}</h1>
        <p>
            {locale.texts().all_the_conventions_public_data}
            <a href=LICENCE_URL>{LICENCE_NAME}</a>
            {locale.texts().nothing_hidden_pending_or_personal}
        </p>
        <ul class="datasets">
            {Dataset::ALL.into_iter().map(|d| { let (title, what) = description(d, locale); view! {
                <li>
                    <h2>{title}</h2>
                    <p>{what}</p>
                    <p>
                        {Format::ALL.into_iter().map(|f| view! {
                            <a href=format!("/open-data/{}.{}", d.as_str(), f.as_str()) rel="external" download>
                                {f.as_str().to_uppercase()}
                                <span class="visually-hidden">{format!(" — {title}")}</span>
                            </a>" "
                        }).collect_view()}
                    </p>
                </li>
            }}).collect_view()}
        </ul>
    }
}
