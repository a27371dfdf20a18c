//! `/open-data`: the convention's datasets, each in CSV, ODS and JSON, under the Licence
//! Ouverte / Open Licence 2.0.

use crate::i18n::{tr, use_locale};
use domain::opendata::{Dataset, Format, LICENCE_NAME, LICENCE_URL};
use leptos::prelude::*;
use leptos_meta::Title;

/// What each dataset holds, in French.
fn description(d: Dataset) -> &'static str {
    match d {
        Dataset::Topics => "Les thèmes du débat, leur question et leur description.",
        Dataset::Proposals => "Les propositions publiées, leur statut, leurs soutiens et leurs résultats de vote.",
        Dataset::Comments => "Les commentaires publiés, avec le nom affiché de leur auteur et leur position.",
        Dataset::Rounds => "Chaque scrutin clos : méthode, participation et classement de chaque proposition, par décompte.",
        Dataset::Ballots => "Les bulletins des scrutins clos, sans aucun lien avec les votants, avec leur reçu.",
    }
}

/// The list of datasets.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=tr(locale, "Données ouvertes", "Open data")/>
        <h1>{tr(locale, "Données ouvertes", "Open data")}</h1>
        <p>
            {tr(locale, "Toutes les données publiques de la convention, extraites au moment du téléchargement, sous ", "All the convention's public data, extracted when downloaded, under the ")}
            <a href=LICENCE_URL>{LICENCE_NAME}</a>
            {tr(locale, ". Rien de masqué, d’en attente ni de personnel (adresse, courriel, lien entre un votant et son bulletin) n’y figure.", ". Nothing hidden, pending or personal (address, e-mail, link between a voter and a ballot) is in them.")}
        </p>
        <ul class="datasets">
            {Dataset::ALL.into_iter().map(|d| view! {
                <li>
                    <h2>{d.title()}</h2>
                    <p lang="fr">{description(d)}</p>
                    <p>
                        {Format::ALL.into_iter().map(|f| view! {
                            <a href=format!("/open-data/{}.{}", d.as_str(), f.as_str()) rel="external" download>
                                {f.as_str().to_uppercase()}
                                <span class="visually-hidden">{format!(" — {}", d.title())}</span>
                            </a>" "
                        }).collect_view()}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}
