//! Every piece of UI text, in French (the default) and English.
//!
//! A locale is a table of `&'static str` fields, so a missing translation is a compile error,
//! and messages with values are functions. The locale is chosen per request (the `lang` cookie,
//! then `Accept-Language`) and written into `<html lang>`, which the browser reads back when it
//! hydrates so that both render the same text.

use crate::error::AppError;
use domain::{AccountError, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The language of the convention's own content (its question, topics, and what people
/// write), marked on that content so screen readers pronounce it right in an English page.
pub const CONTENT_LANG: &str = "fr";

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Locale {
    /// Français, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Locale {
    /// Every locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 tag, as in `<html lang>` and the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Parses a tag such as `fr`, `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Locale::Fr),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header, by quality.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, f32)> = None;
        for part in accept_language.split(',') {
            let mut fields = part.split(';');
            let tag = fields.next().unwrap_or("");
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(l) = Locale::from_tag(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((l, q));
                }
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }

    /// The UI texts of this locale.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Fr => &FR,
            Locale::En => &EN,
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
        }
    }
}

/// The locale of the current page (provided by [`crate::App`]).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The UI texts of the current page.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// The UI texts of one locale.
pub struct Texts {
    pub site_name: &'static str,
    pub skip_link: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_login: &'static str,
    pub nav_register: &'static str,
    pub nav_account: &'static str,
    pub nav_admin_users: &'static str,
    pub lang_label: &'static str,
    pub footer: &'static str,
    pub loading: &'static str,
    pub home_question: &'static str,
    pub home_topics: &'static str,
    pub topic_back: &'static str,
    pub topic_empty: &'static str,
    pub register_title: &'static str,
    pub register_intro: &'static str,
    pub register_submit: &'static str,
    pub register_have_account: &'static str,
    pub login_title: &'static str,
    pub login_submit: &'static str,
    pub login_no_account: &'static str,
    pub field_username: &'static str,
    pub field_username_hint: &'static str,
    pub field_display_name: &'static str,
    pub field_display_name_hint: &'static str,
    pub field_password: &'static str,
    pub field_password_hint: &'static str,
    pub field_current_password: &'static str,
    pub field_new_password: &'static str,
    pub account_title: &'static str,
    pub account_signed_in_as: &'static str,
    pub account_role: &'static str,
    pub change_password_title: &'static str,
    pub change_password_submit: &'static str,
    pub password_changed: &'static str,
    pub logout_submit: &'static str,
    pub admin_users_title: &'static str,
    pub admin_users_intro: &'static str,
    pub col_username: &'static str,
    pub col_display_name: &'static str,
    pub col_role: &'static str,
    pub col_status: &'static str,
    pub col_actions: &'static str,
    pub status_active: &'static str,
    pub status_suspended: &'static str,
    pub action_set_role: &'static str,
    pub action_suspend: &'static str,
    pub action_reinstate: &'static str,
    pub you: &'static str,
    pub users_next_page: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub topic_proposals: &'static str,
    pub topic_discussion: &'static str,
    pub sort_label: &'static str,
    pub sort_newest: &'static str,
    pub sort_supported: &'static str,
    pub sort_discussed: &'static str,
    pub filter_label: &'static str,
    pub filter_all: &'static str,
    pub proposals_empty: &'static str,
    pub proposals_next: &'static str,
    pub new_proposal: &'static str,
    pub login_to_take_part: &'static str,
    pub by_author: &'static str,
    pub pending_badge: &'static str,
    pub hidden_by_moderation: &'static str,
    pub new_proposal_title: &'static str,
    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub field_summary: &'static str,
    pub field_summary_hint: &'static str,
    pub field_body: &'static str,
    pub field_body_hint: &'static str,
    pub submit_publish: &'static str,
    pub submit_draft: &'static str,
    pub proposal_topic: &'static str,
    pub proposal_version: &'static str,
    pub proposal_status: &'static str,
    /// Label of a proposal's author.
    pub proposal_author: &'static str,
    pub proposal_supports: &'static str,
    pub support_submit: &'static str,
    pub unsupport_submit: &'static str,
    pub you_support: &'static str,
    pub edit_link: &'static str,
    pub history_link: &'static str,
    pub withdraw_submit: &'static str,
    pub publish_submit: &'static str,
    pub draft_notice: &'static str,
    pub stances_label: &'static str,
    pub edit_proposal_title: &'static str,
    pub save_version: &'static str,
    pub history_title: &'static str,
    pub compare_from: &'static str,
    pub compare_to: &'static str,
    pub compare_submit: &'static str,
    pub diff_legend: &'static str,
    pub diff_unchanged: &'static str,
    pub comments_title: &'static str,
    pub comments_empty: &'static str,
    pub comments_closed: &'static str,
    pub comment_field: &'static str,
    pub comment_hint: &'static str,
    pub comment_stance: &'static str,
    pub stance_none: &'static str,
    pub comment_submit: &'static str,
    pub reply: &'static str,
    pub reply_submit: &'static str,
    pub edit_comment: &'static str,
    pub edit_comment_submit: &'static str,
    pub delete_comment: &'static str,
    pub upvote: &'static str,
    pub unupvote: &'static str,
    pub edited_mark: &'static str,
    pub deleted_comment: &'static str,
    /// Ce thème est fermé aux nouvelles propositions ; sa discussion reste ouverte.
    pub topic_closed_notice: &'static str,
    /// Fermer aux nouvelles propositions
    pub topic_close_submit: &'static str,
    /// Rouvrir aux nouvelles propositions
    pub topic_open_submit: &'static str,
    /// Thème
    pub item_topic: &'static str,
    /// Télécharger tout le journal (CSV)
    pub audit_export: &'static str,
    /// Faire appel de cette décision
    pub appeal_summary: &'static str,
    /// Pourquoi la modération devrait revoir sa décision
    pub appeal_text: &'static str,
    /// Envoyer l’appel
    pub appeal_submit: &'static str,
    /// Votre appel a été transmis à la modération.
    pub appeal_waiting: &'static str,
    /// Votre appel a été examiné.
    pub appeal_answered: &'static str,
    /// Appel de l’auteur ou de l’autrice
    pub appeal_label: &'static str,
    /// Rechercher
    pub nav_search: &'static str,
    /// Rechercher dans le débat
    pub search_title: &'static str,
    /// Mots recherchés
    pub search_label: &'static str,
    /// Rechercher
    pub search_submit: &'static str,
    /// Tapez quelques mots : les accents et les majuscules sont ignorés.
    pub search_hint: &'static str,
    /// Aucune proposition ni aucun commentaire ne contient ces mots.
    pub search_empty: &'static str,
    /// Signaler
    pub report_summary: &'static str,
    /// Motif du signalement
    pub report_reason: &'static str,
    /// Précisions (obligatoires pour « Autre »)
    pub report_note: &'static str,
    /// Envoyer le signalement
    pub report_submit: &'static str,
    /// Merci : votre signalement a été transmis à la modération.
    pub report_sent: &'static str,
    /// Modération
    pub nav_moderation: &'static str,
    /// Journal de modération
    pub nav_audit: &'static str,
    /// File de modération
    pub moderation_title: &'static str,
    /// Rien à examiner pour l’instant.
    pub moderation_empty: &'static str,
    /// Contenus masqués
    pub moderation_hidden_title: &'static str,
    /// Voir les contenus masqués
    pub moderation_show_hidden: &'static str,
    /// Revenir à la file
    pub moderation_show_queue: &'static str,
    /// Approuver
    pub approve_submit: &'static str,
    /// Motif affiché à la place du contenu
    pub hide_reason: &'static str,
    /// Masquer
    pub hide_submit: &'static str,
    /// Rétablir
    pub restore_submit: &'static str,
    /// Signalements en cours
    pub open_reports_label: &'static str,
    /// Proposition
    pub item_proposal: &'static str,
    /// Commentaire
    pub item_comment: &'static str,
    /// Voir dans son contexte
    pub view_item: &'static str,
    /// Masqué en attente d’examen
    pub awaiting_review_badge: &'static str,
    /// Masqué
    pub hidden_badge: &'static str,
    /// Publié
    pub published_badge: &'static str,
    /// Journal de modération
    pub audit_title: &'static str,
    /// Date
    pub audit_when: &'static str,
    /// Par
    pub audit_who: &'static str,
    /// Action
    pub audit_action: &'static str,
    /// Élément
    pub audit_item: &'static str,
    /// Motif
    pub audit_reason: &'static str,
    /// Automatique (seuil de signalements)
    pub audit_automatic: &'static str,
    /// Who made an automatic step of the log other than hiding: the count of a round.
    pub audit_automatic_count: &'static str,
    /// Who made a step from the server's command line (a seal, a purge of inactive accounts).
    pub audit_operator: &'static str,
    /// Aucune action de modération pour l’instant.
    pub audit_empty: &'static str,
    /// Actions plus anciennes
    pub audit_older: &'static str,
}

static FR: Texts = Texts {
    site_name: "Convention citoyenne",
    skip_link: "Aller au contenu",
    nav_label: "Navigation principale",
    nav_home: "Accueil",
    nav_login: "Se connecter",
    nav_register: "Créer un compte",
    nav_account: "Mon compte",
    nav_admin_users: "Comptes et rôles",
    lang_label: "Langue",
    footer: "Montpellier Méditerranée Métropole — plateforme libre de démocratie participative",
    loading: "Chargement…",
    home_question: "La question posée à la convention",
    home_topics: "Les thèmes du débat",
    topic_back: "Retour aux thèmes",
    topic_empty: "Les propositions et la discussion de ce thème apparaîtront ici.",
    register_title: "Créer un compte",
    register_intro: "Un compte vous permet de débattre, de proposer et de voter.",
    register_submit: "Créer mon compte",
    register_have_account: "Vous avez déjà un compte ? Connectez-vous",
    login_title: "Se connecter",
    login_submit: "Se connecter",
    login_no_account: "Pas encore de compte ? Créez-en un",
    field_username: "Nom d’utilisateur",
    field_username_hint: "3 à 32 caractères : lettres, chiffres, « . », « _ » ou « - ».",
    field_display_name: "Nom affiché",
    field_display_name_hint: "Le nom que les autres participants verront, 64 caractères au plus.",
    field_password: "Mot de passe",
    field_password_hint: "Au moins 12 caractères. Une phrase facile à retenir convient très bien.",
    field_current_password: "Mot de passe actuel",
    field_new_password: "Nouveau mot de passe",
    account_title: "Mon compte",
    account_signed_in_as: "Connecté en tant que",
    account_role: "Rôle",
    change_password_title: "Changer de mot de passe",
    change_password_submit: "Changer le mot de passe",
    password_changed: "Votre mot de passe a été changé. Vos autres appareils ont été déconnectés.",
    logout_submit: "Se déconnecter",
    admin_users_title: "Comptes et rôles",
    admin_users_intro: "Attribuez les rôles des participants et suspendez un compte si nécessaire. Une suspension déconnecte la personne immédiatement.",
    col_username: "Nom d’utilisateur",
    col_display_name: "Nom affiché",
    col_role: "Rôle",
    col_status: "État",
    col_actions: "Actions",
    status_active: "Actif",
    status_suspended: "Suspendu",
    action_set_role: "Changer le rôle",
    action_suspend: "Suspendre",
    action_reinstate: "Rétablir",
    you: "vous",
    users_next_page: "Comptes suivants",
    not_found_title: "Page introuvable",
    not_found_body: "Cette page n’existe pas ou n’est plus disponible.",
    error_title: "Erreur",
    topic_proposals: "Propositions",
    topic_discussion: "Discussion du thème",
    sort_label: "Trier",
    sort_newest: "Les plus récentes",
    sort_supported: "Les plus soutenues",
    sort_discussed: "Les plus débattues",
    filter_label: "Filtrer par état",
    filter_all: "Toutes",
    proposals_empty: "Aucune proposition ici pour l’instant.",
    proposals_next: "Propositions suivantes",
    new_proposal: "Écrire une proposition",
    login_to_take_part: "Connectez-vous pour proposer, soutenir et commenter.",
    by_author: "par",
    pending_badge: "En attente de modération",
    hidden_by_moderation: "Masqué par la modération :",
    new_proposal_title: "Nouvelle proposition",
    field_title: "Titre",
    field_title_hint: "Une ligne, 150 caractères au plus.",
    field_summary: "Résumé",
    field_summary_hint: "En une ou deux phrases, 500 caractères au plus.",
    field_body: "Texte de la proposition",
    field_body_hint: "Facultatif. Markdown accepté : **gras**, *italique*, listes, liens. 20 000 caractères au plus.",
    submit_publish: "Publier",
    submit_draft: "Enregistrer comme brouillon",
    proposal_topic: "Thème",
    proposal_version: "Version",
    proposal_status: "État",
    proposal_author: "Auteur ou autrice",
    proposal_supports: "Soutiens",
    support_submit: "Soutenir cette proposition",
    unsupport_submit: "Retirer mon soutien",
    you_support: "Vous soutenez cette proposition.",
    edit_link: "Modifier le texte",
    history_link: "Historique des versions",
    withdraw_submit: "Retirer la proposition",
    publish_submit: "Publier le brouillon",
    draft_notice: "Brouillon : vous seul·e le voyez.",
    stances_label: "Positions exprimées dans les commentaires",
    edit_proposal_title: "Modifier la proposition",
    save_version: "Enregistrer une nouvelle version",
    history_title: "Historique des versions",
    compare_from: "Version de départ",
    compare_to: "Version d’arrivée",
    compare_submit: "Comparer",
    diff_legend: "Texte ajouté souligné, texte supprimé barré.",
    diff_unchanged: "Inchangé.",
    comments_title: "Commentaires",
    comments_empty: "Aucun commentaire pour l’instant.",
    comments_closed: "Cette proposition ne reçoit plus de commentaires.",
    comment_field: "Votre commentaire",
    comment_hint: "Markdown accepté. 5 000 caractères au plus.",
    comment_stance: "Votre position (facultatif)",
    stance_none: "Sans position",
    comment_submit: "Publier le commentaire",
    reply: "Répondre",
    reply_submit: "Publier la réponse",
    edit_comment: "Modifier",
    edit_comment_submit: "Enregistrer la modification",
    delete_comment: "Supprimer",
    upvote: "Approuver",
    unupvote: "Retirer mon approbation",
    edited_mark: "modifié",
    deleted_comment: "Commentaire supprimé par son auteur.",
    topic_closed_notice: "Ce thème est fermé aux nouvelles propositions ; sa discussion reste ouverte.",
    topic_close_submit: "Fermer aux nouvelles propositions",
    topic_open_submit: "Rouvrir aux nouvelles propositions",
    item_topic: "Thème",
    audit_export: "Télécharger tout le journal (CSV)",
    appeal_summary: "Faire appel de cette décision",
    appeal_text: "Pourquoi la modération devrait revoir sa décision",
    appeal_submit: "Envoyer l’appel",
    appeal_waiting: "Votre appel a été transmis à la modération.",
    appeal_answered: "Votre appel a été examiné.",
    appeal_label: "Appel de l’auteur ou de l’autrice",
    nav_search: "Rechercher",
    search_title: "Rechercher dans le débat",
    search_label: "Mots recherchés",
    search_submit: "Rechercher",
    search_hint: "Tapez quelques mots : les accents et les majuscules sont ignorés.",
    search_empty: "Aucune proposition ni aucun commentaire ne contient ces mots.",
    report_summary: "Signaler",
    report_reason: "Motif du signalement",
    report_note: "Précisions (obligatoires pour « Autre »)",
    report_submit: "Envoyer le signalement",
    report_sent: "Merci : votre signalement a été transmis à la modération.",
    nav_moderation: "Modération",
    nav_audit: "Journal de modération",
    moderation_title: "File de modération",
    moderation_empty: "Rien à examiner pour l’instant.",
    moderation_hidden_title: "Contenus masqués",
    moderation_show_hidden: "Voir les contenus masqués",
    moderation_show_queue: "Revenir à la file",
    approve_submit: "Approuver",
    hide_reason: "Motif affiché à la place du contenu",
    hide_submit: "Masquer",
    restore_submit: "Rétablir",
    open_reports_label: "Signalements en cours",
    item_proposal: "Proposition",
    item_comment: "Commentaire",
    view_item: "Voir dans son contexte",
    awaiting_review_badge: "Masqué en attente d’examen",
    hidden_badge: "Masqué",
    published_badge: "Publié",
    audit_title: "Journal de modération",
    audit_when: "Date",
    audit_who: "Par",
    audit_action: "Action",
    audit_item: "Élément",
    audit_reason: "Motif",
    audit_automatic: "Automatique (seuil de signalements)",
    audit_automatic_count: "Automatique (dépouillement du scrutin)",
    audit_operator: "Exploitant du serveur (ligne de commande)",
    audit_empty: "Aucune action de modération pour l’instant.",
    audit_older: "Actions plus anciennes",
};

static EN: Texts = Texts {
    site_name: "Citizens’ convention",
    skip_link: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_login: "Log in",
    nav_register: "Create an account",
    nav_account: "My account",
    nav_admin_users: "Accounts and roles",
    lang_label: "Language",
    footer: "Montpellier Méditerranée Métropole — free software for participatory democracy",
    loading: "Loading…",
    home_question: "The question put to the convention",
    home_topics: "Topics of the debate",
    topic_back: "Back to the topics",
    topic_empty: "This topic’s proposals and discussion will appear here.",
    register_title: "Create an account",
    register_intro: "An account lets you debate, propose and vote.",
    register_submit: "Create my account",
    register_have_account: "Already have an account? Log in",
    login_title: "Log in",
    login_submit: "Log in",
    login_no_account: "No account yet? Create one",
    field_username: "Username",
    field_username_hint: "3 to 32 characters: letters, digits, “.”, “_” or “-”.",
    field_display_name: "Display name",
    field_display_name_hint: "The name other participants will see, at most 64 characters.",
    field_password: "Password",
    field_password_hint: "At least 12 characters. An easy-to-remember sentence works well.",
    field_current_password: "Current password",
    field_new_password: "New password",
    account_title: "My account",
    account_signed_in_as: "Signed in as",
    account_role: "Role",
    change_password_title: "Change password",
    change_password_submit: "Change password",
    password_changed: "Your password has been changed. Your other devices have been signed out.",
    logout_submit: "Log out",
    admin_users_title: "Accounts and roles",
    admin_users_intro: "Assign participants’ roles and suspend an account when needed. A suspension signs the person out at once.",
    col_username: "Username",
    col_display_name: "Display name",
    col_role: "Role",
    col_status: "Status",
    col_actions: "Actions",
    status_active: "Active",
    status_suspended: "Suspended",
    action_set_role: "Change role",
    action_suspend: "Suspend",
    action_reinstate: "Reinstate",
    you: "you",
    users_next_page: "Next accounts",
    not_found_title: "Page not found",
    not_found_body: "This page does not exist or is no longer available.",
    error_title: "Error",
    topic_proposals: "Proposals",
    topic_discussion: "Topic discussion",
    sort_label: "Sort",
    sort_newest: "Newest",
    sort_supported: "Most supported",
    sort_discussed: "Most discussed",
    filter_label: "Filter by status",
    filter_all: "All",
    proposals_empty: "No proposals here yet.",
    proposals_next: "More proposals",
    new_proposal: "Write a proposal",
    login_to_take_part: "Log in to propose, support and comment.",
    by_author: "by",
    pending_badge: "Awaiting moderation",
    hidden_by_moderation: "Hidden by moderation:",
    new_proposal_title: "New proposal",
    field_title: "Title",
    field_title_hint: "One line, 150 characters at most.",
    field_summary: "Summary",
    field_summary_hint: "In one or two sentences, 500 characters at most.",
    field_body: "Text of the proposal",
    field_body_hint: "Optional. Markdown accepted: **bold**, *italics*, lists, links. 20,000 characters at most.",
    submit_publish: "Publish",
    submit_draft: "Save as draft",
    proposal_topic: "Topic",
    proposal_version: "Version",
    proposal_status: "Status",
    proposal_author: "Author",
    proposal_supports: "Supports",
    support_submit: "Support this proposal",
    unsupport_submit: "Withdraw my support",
    you_support: "You support this proposal.",
    edit_link: "Edit the text",
    history_link: "Version history",
    withdraw_submit: "Withdraw the proposal",
    publish_submit: "Publish the draft",
    draft_notice: "Draft: only you can see it.",
    stances_label: "Stances taken in the comments",
    edit_proposal_title: "Edit the proposal",
    save_version: "Save a new version",
    history_title: "Version history",
    compare_from: "From version",
    compare_to: "To version",
    compare_submit: "Compare",
    diff_legend: "Added text underlined, removed text struck through.",
    diff_unchanged: "Unchanged.",
    comments_title: "Comments",
    comments_empty: "No comments yet.",
    comments_closed: "This proposal no longer takes comments.",
    comment_field: "Your comment",
    comment_hint: "Markdown accepted. 5,000 characters at most.",
    comment_stance: "Your stance (optional)",
    stance_none: "No stance",
    comment_submit: "Post the comment",
    reply: "Reply",
    reply_submit: "Post the reply",
    edit_comment: "Edit",
    edit_comment_submit: "Save the change",
    delete_comment: "Delete",
    upvote: "Upvote",
    unupvote: "Remove my upvote",
    edited_mark: "edited",
    deleted_comment: "Comment deleted by its author.",
    topic_closed_notice: "This topic is closed to new proposals; its discussion stays open.",
    topic_close_submit: "Close to new proposals",
    topic_open_submit: "Reopen to new proposals",
    item_topic: "Topic",
    audit_export: "Download the whole log (CSV)",
    appeal_summary: "Appeal this decision",
    appeal_text: "Why the moderators should look again",
    appeal_submit: "Send the appeal",
    appeal_waiting: "Your appeal was sent to the moderators.",
    appeal_answered: "Your appeal was reviewed.",
    appeal_label: "The author’s appeal",
    nav_search: "Search",
    search_title: "Search the debate",
    search_label: "Words to look for",
    search_submit: "Search",
    search_hint: "Type a few words: accents and capitals are ignored.",
    search_empty: "No proposal or comment holds these words.",
    report_summary: "Report",
    report_reason: "Reason for the report",
    report_note: "Details (required for “Other”)",
    report_submit: "Send the report",
    report_sent: "Thank you: your report was sent to the moderators.",
    nav_moderation: "Moderation",
    nav_audit: "Moderation log",
    moderation_title: "Moderation queue",
    moderation_empty: "Nothing to review for now.",
    moderation_hidden_title: "Hidden content",
    moderation_show_hidden: "Show hidden content",
    moderation_show_queue: "Back to the queue",
    approve_submit: "Approve",
    hide_reason: "Reason shown instead of the content",
    hide_submit: "Hide",
    restore_submit: "Restore",
    open_reports_label: "Open reports",
    item_proposal: "Proposal",
    item_comment: "Comment",
    view_item: "View in context",
    awaiting_review_badge: "Hidden pending review",
    hidden_badge: "Hidden",
    published_badge: "Published",
    audit_title: "Moderation log",
    audit_when: "Date",
    audit_who: "By",
    audit_action: "Action",
    audit_item: "Item",
    audit_reason: "Reason",
    audit_automatic: "Automatic (report threshold)",
    audit_automatic_count: "Automatic (vote count)",
    audit_operator: "Server operator (command line)",
    audit_empty: "No moderation action yet.",
    audit_older: "Older actions",
};

/// The name of a role in a locale.
pub fn role_name(role: Role, locale: Locale) -> &'static str {
    match (locale, role) {
        (Locale::Fr, Role::Citizen) => "Citoyen·ne",
        (Locale::Fr, Role::Member) => "Membre tiré·e au sort",
        (Locale::Fr, Role::Moderator) => "Modérateur·rice",
        (Locale::Fr, Role::Organiser) => "Organisateur·rice",
        (Locale::En, Role::Citizen) => "Citizen",
        (Locale::En, Role::Member) => "Drawn member",
        (Locale::En, Role::Moderator) => "Moderator",
        (Locale::En, Role::Organiser) => "Organiser",
    }
}

/// A proposal status, as shown.
pub fn status_name(s: domain::proposal::ProposalStatus, locale: Locale) -> &'static str {
    use domain::proposal::ProposalStatus as S;
    let fr = locale == Locale::Fr;
    match s {
        S::Draft => {
            if fr {
                "Brouillon"
            } else {
                "Draft"
            }
        }
        S::Published => {
            if fr {
                "Publiée"
            } else {
                "Published"
            }
        }
        S::UnderVote => {
            if fr {
                "Soumise au vote"
            } else {
                "Under vote"
            }
        }
        S::Adopted => {
            if fr {
                "Adoptée"
            } else {
                "Adopted"
            }
        }
        S::Rejected => {
            if fr {
                "Rejetée"
            } else {
                "Rejected"
            }
        }
        S::Withdrawn => {
            if fr {
                "Retirée"
            } else {
                "Withdrawn"
            }
        }
        S::Merged => {
            if fr {
                "Fusionnée"
            } else {
                "Merged"
            }
        }
    }
}

/// A stance, as shown.
pub fn stance_name(s: domain::comment::Stance, locale: Locale) -> &'static str {
    use domain::comment::Stance as S;
    match (s, locale) {
        (S::For, Locale::Fr) => "Pour",
        (S::Against, Locale::Fr) => "Contre",
        (S::Neutral, Locale::Fr) => "Neutre",
        (S::For, Locale::En) => "For",
        (S::Against, Locale::En) => "Against",
        (S::Neutral, Locale::En) => "Neutral",
    }
}

/// "N supports", "N comments", "N upvotes": a count with its noun.
pub fn count_of(n: i64, what: Counted, locale: Locale) -> String {
    let (one, many) = match (what, locale) {
        (Counted::Supports, Locale::Fr) => ("soutien", "soutiens"),
        (Counted::Comments, Locale::Fr) => ("commentaire", "commentaires"),
        (Counted::Upvotes, Locale::Fr) => ("approbation", "approbations"),
        (Counted::Supports, Locale::En) => ("support", "supports"),
        (Counted::Comments, Locale::En) => ("comment", "comments"),
        (Counted::Upvotes, Locale::En) => ("upvote", "upvotes"),
    };
    // French uses the singular for 0 and 1, English only for 1.
    let singular = if locale == Locale::Fr { n < 2 } else { n == 1 };
    format!("{n} {}", if singular { one } else { many })
}

/// What [`count_of`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Supports of a proposal.
    Supports,
    /// Comments.
    Comments,
    /// Upvotes of a comment.
    Upvotes,
}

/// "N results".
pub fn results_count(n: usize, locale: Locale) -> String {
    match locale {
        Locale::Fr if n < 2 => format!("{n} résultat"),
        Locale::Fr => format!("{n} résultats"),
        Locale::En if n == 1 => "1 result".to_owned(),
        Locale::En => format!("{n} results"),
    }
}

/// "Version N".
pub fn version_label(n: i64, locale: Locale) -> String {
    format!("{} {n}", locale.texts().proposal_version)
}

/// "N characters typed", for the live counter beside password fields.
pub fn characters_typed(n: usize, locale: Locale) -> String {
    match locale {
        Locale::Fr if n < 2 => format!("{n} caractère saisi"),
        Locale::Fr => format!("{n} caractères saisis"),
        Locale::En if n == 1 => "1 character typed".to_owned(),
        Locale::En => format!("{n} characters typed"),
    }
}

pub(crate) fn error_message(e: &AppError, locale: Locale) -> String {
    use AccountError as A;
    let fr = locale == Locale::Fr;
    match e {
        AppError::Unauthenticated => pick(fr, "Veuillez vous connecter pour continuer.", "Please log in to continue."),
        AppError::Forbidden => pick(fr, "Votre rôle ne permet pas cette action.", "Your role does not allow this action."),
        AppError::Suspended => pick(fr, "Ce compte est suspendu.", "This account is suspended."),
        AppError::NotFound => pick(fr, "Élément introuvable.", "Not found."),
        AppError::BadCredentials => pick(fr, "Nom d’utilisateur ou mot de passe incorrect.", "Wrong username or password."),
        AppError::WrongCurrentPassword => pick(fr, "Le mot de passe actuel est incorrect.", "The current password is wrong."),
        AppError::UsernameTaken => pick(fr, "Ce nom d’utilisateur est déjà pris.", "This username is already taken."),
        AppError::OwnAccount => pick(fr, "Vous ne pouvez pas modifier votre propre rôle ni vous suspendre.", "You cannot change your own role or suspend yourself."),
        AppError::LastOrganiser => pick(fr, "Vous êtes le dernier organisateur : confiez ce rôle à quelqu’un d’autre avant de supprimer votre compte.", "You are the last organiser: give the role to someone else before deleting your account."),
        AppError::BadRequest => pick(fr, "La requête est incomplète ou mal formée.", "The request is incomplete or malformed."),
        AppError::Network => pick(fr, "Le serveur est injoignable. Vérifiez votre connexion et réessayez.", "The server cannot be reached. Check your connection and try again."),
        AppError::Internal { reference } if fr => format!("Une erreur interne est survenue. Référence : {reference}"),
        AppError::Internal { reference } => format!("An internal error occurred. Reference: {reference}"),
        AppError::Stale => pick(fr, "Quelqu’un a modifié cet élément entre-temps. Rechargez la page pour repartir de la dernière version.", "Someone changed this item meanwhile. Reload the page to start from the latest version."),
        AppError::Closed => pick(fr, "Cette proposition ne reçoit plus de commentaires ni de votes.", "This proposal no longer takes comments or votes."),
        AppError::TopicClosed => pick(fr, "Ce thème ne reçoit plus de nouvelles propositions ; sa discussion reste ouverte.", "This topic takes no new proposals; its discussion stays open."),
        AppError::Proposal(p) => proposal_error(p, fr),
        AppError::Comment(c) => comment_error(c, fr),
        AppError::Moderation(m) => moderation_error(m, fr),
        AppError::Topic(t) => topic_error(t, fr),
        AppError::Round(r) => round_error(r, fr),
        AppError::Report(r) => {
            use domain::report::ReportError as E;
            match (r, fr) {
                (E::Introduction { max }, true) => format!("L’introduction compte au plus {max} caractères, sans caractère de contrôle."),
                (E::Introduction { max }, false) => format!("The introduction has at most {max} characters, without control characters."),
                (E::Dissent { max }, true) => format!("Une note de dissensus compte de 1 à {max} caractères, sans caractère de contrôle."),
                (E::Dissent { max }, false) => format!("A dissent note has 1 to {max} characters, without control characters."),
                (E::Side, true) => "Choisissez « pour », « contre » ou « retirer ».".into(),
                (E::Side, false) => "Choose “for”, “against” or “remove”.".into(),
            }
        }
        AppError::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            match (fr, minutes) {
                (true, 1) => "Trop de tentatives en peu de temps : réessayez dans une minute.".into(),
                (true, m) => format!("Trop de tentatives en peu de temps : réessayez dans {m} minutes."),
                (false, 1) => "Too many attempts in a short time: try again in a minute.".into(),
                (false, m) => format!("Too many attempts in a short time: try again in {m} minutes."),
            }
        }
        AppError::Invalid(a) => match (a, fr) {
            (A::UsernameLength { min, max, actual }, true) => format!("Le nom d’utilisateur doit compter de {min} à {max} caractères (il en compte {actual})."),
            (A::UsernameLength { min, max, actual }, false) => format!("The username must be {min} to {max} characters long (it has {actual})."),
            (A::UsernameCharacters, true) => "Le nom d’utilisateur ne peut contenir que des lettres, des chiffres, « . », « _ » et « - ».".into(),
            (A::UsernameCharacters, false) => "The username may only contain letters, digits, “.”, “_” and “-”.".into(),
            (A::DisplayNameLength { max, actual }, true) => format!("Le nom affiché doit compter de 1 à {max} caractères (il en compte {actual})."),
            (A::DisplayNameLength { max, actual }, false) => format!("The display name must be 1 to {max} characters long (it has {actual})."),
            (A::DisplayNameCharacters, true) => "Le nom affiché contient des caractères de contrôle interdits.".into(),
            (A::DisplayNameCharacters, false) => "The display name contains forbidden control characters.".into(),
            (A::PasswordLength { min, max, actual }, true) => format!("Le mot de passe doit compter de {min} à {max} caractères (il en compte {actual})."),
            (A::PasswordLength { min, max, actual }, false) => format!("The password must be {min} to {max} characters long (it has {actual})."),
            (A::PasswordNul, true) => "Le mot de passe contient un caractère nul interdit.".into(),
            (A::PasswordNul, false) => "The password contains a forbidden NUL character.".into(),
        },
    }
}

fn proposal_error(e: &domain::proposal::ProposalError, fr: bool) -> String {
    use domain::proposal::{ProposalError as P, ProposalField as F};
    let field = |f: &F| match (f, fr) {
        (F::Title, true) => "Le titre",
        (F::Summary, true) => "Le résumé",
        (F::Body, true) => "Le texte",
        (F::Title, false) => "The title",
        (F::Summary, false) => "The summary",
        (F::Body, false) => "The text",
    };
    match (e, fr) {
        (P::NotAllowed { .. }, true) => "Seuls les auteurs de la proposition (ou les organisateurs, selon l’action) peuvent faire cela.".into(),
        (P::NotAllowed { .. }, false) => "Only the proposal's authors (or organisers, depending on the action) can do this.".into(),
        (P::WrongStatus { .. }, true) => "Cette action n’est plus possible à ce stade de la proposition.".into(),
        (P::WrongStatus { .. }, false) => "This action is no longer possible at this stage of the proposal.".into(),
        (P::FieldLength { field: f, max, actual }, true) if *actual == 0 && *f != F::Body => format!("{} est obligatoire ({max} caractères au plus).", field(f)),
        (P::FieldLength { field: f, max, actual }, false) if *actual == 0 && *f != F::Body => format!("{} is required ({max} characters at most).", field(f)),
        (P::FieldLength { field: f, max, actual }, true) => format!("{} compte {actual} caractères ; {max} au plus.", field(f)),
        (P::FieldLength { field: f, max, actual }, false) => format!("{} has {actual} characters; {max} at most.", field(f)),
        (P::FieldCharacters { field: f }, true) => format!("{} contient des caractères de contrôle interdits.", field(f)),
        (P::FieldCharacters { field: f }, false) => format!("{} contains forbidden control characters.", field(f)),
    }
}

fn comment_error(e: &domain::comment::CommentError, fr: bool) -> String {
    use domain::comment::CommentError as C;
    match (e, fr) {
        (C::Length { max, actual: 0 }, true) => format!("Le commentaire est vide ({max} caractères au plus)."),
        (C::Length { max, actual: 0 }, false) => format!("The comment is empty ({max} characters at most)."),
        (C::Length { max, actual }, true) => format!("Le commentaire compte {actual} caractères ; {max} au plus."),
        (C::Length { max, actual }, false) => format!("The comment has {actual} characters; {max} at most."),
        (C::Characters, true) => "Le commentaire contient des caractères de contrôle interdits.".into(),
        (C::Characters, false) => "The comment contains forbidden control characters.".into(),
        (C::UnknownStance, true) => "Position inconnue : choisissez pour, contre ou neutre.".into(),
        (C::UnknownStance, false) => "Unknown stance: choose for, against or neutral.".into(),
        (C::StanceWithoutProposal, true) => "Une position ne se prend que sur une proposition.".into(),
        (C::StanceWithoutProposal, false) => "A stance can only be taken on a proposal.".into(),
        (C::EditWindowClosed, true) => "Un commentaire ne peut être modifié que dans les 15 minutes qui suivent sa publication.".into(),
        (C::EditWindowClosed, false) => "A comment can only be edited within 15 minutes of posting.".into(),
    }
}

fn round_error(e: &domain::voting::round::RoundError, fr: bool) -> String {
    use domain::voting::round::{RoundError as R, GRADES_MAX, GRADE_LEN_MAX};
    match (e, fr) {
        (R::Title { max }, true) => format!("Le titre du scrutin doit compter de 1 à {max} caractères, sans caractère de contrôle."),
        (R::Title { max }, false) => format!("The round's title must have 1 to {max} characters, without control characters."),
        (R::Method, true) => "Choisissez une des sept méthodes de vote.".into(),
        (R::Method, false) => "Choose one of the seven voting methods.".into(),
        (R::Grades, true) => format!("L’échelle de mentions compte de 2 à {GRADES_MAX} mentions différentes, une par ligne, de la meilleure à la pire, {GRADE_LEN_MAX} caractères au plus chacune."),
        (R::Grades, false) => format!("The grade scale has 2 to {GRADES_MAX} different grades, one per line, best first, {GRADE_LEN_MAX} characters at most each."),
        (R::Budget, true) => "Le budget est un nombre entier de 1 à 1 000 000 000.".into(),
        (R::Budget, false) => "The budget is a whole number from 1 to 1,000,000,000.".into(),
        (R::Threshold, true) => "Le seuil s’écrit p/q (par exemple 1/2 ou 2/3), avec p ≤ q.".into(),
        (R::Threshold, false) => "The threshold is written p/q (for example 1/2 or 2/3), with p ≤ q.".into(),
        (R::Electorate, true) => "Choisissez qui vote : les membres, les citoyens, ou les deux.".into(),
        (R::Electorate, false) => "Choose who votes: the members, the citizens, or both.".into(),
        (R::Candidates { max }, true) => format!("Choisissez de 2 à {max} propositions publiées."),
        (R::Candidates { max }, false) => format!("Choose 2 to {max} published proposals."),
        (R::Times, true) => "Indiquez l’ouverture et la clôture (date et heure de Paris) ; la clôture vient après l’ouverture et dans le futur.".into(),
        (R::Times, false) => "Give the opening and the close (Paris date and time); the close comes after the opening and in the future.".into(),
        (R::Rule, true) => "Cette règle d’adoption ne convient pas : « k premiers » demande un k inférieur au nombre de propositions, « mention » un jugement majoritaire et une mention de l’échelle, « seuil » un vote par mesure.".into(),
        (R::Rule, false) => "This adoption rule does not fit: “top k” needs k below the number of proposals, “grade” a majority judgment and a grade of the scale, “threshold” a vote by measure.".into(),
        (R::Frozen, true) => "Le scrutin est ouvert : sa méthode, ses propositions, son corps électoral et sa règle ne peuvent plus changer.".into(),
        (R::Frozen, false) => "The round has opened: its method, proposals, electorate and rule can no longer change.".into(),
        (R::NotOpen, true) => "Le scrutin n’est pas encore ouvert.".into(),
        (R::NotOpen, false) => "The round has not opened yet.".into(),
        (R::Closed, true) => "Le scrutin est clos : plus aucun bulletin n’est accepté.".into(),
        (R::Closed, false) => "The round has closed: no more ballots are accepted.".into(),
        (R::NotClosed, true) => "Les résultats sont publiés à la clôture du scrutin.".into(),
        (R::NotClosed, false) => "The results are published when the round closes.".into(),
        (R::NotEligible, true) => "Ce scrutin est réservé à un autre corps électoral.".into(),
        (R::NotEligible, false) => "This round is for another electorate.".into(),
        (R::Locked, true) => "Votre bulletin ne peut plus être modifié (la clé des bulletins du serveur a changé) ; il reste compté tel que vous l’avez déposé.".into(),
        (R::Locked, false) => "Your ballot can no longer be changed (the server's ballot key changed); it stays counted as you cast it.".into(),
        (R::BallotIncomplete, true) => "Donnez une mention à chaque proposition.".into(),
        (R::BallotIncomplete, false) => "Give every proposal a grade.".into(),
        (R::BallotField, true) => "Un choix du bulletin ne correspond à aucune option proposée.".into(),
        (R::BallotField, false) => "A choice on the ballot matches none of the options offered.".into(),
        (R::BallotAmount, true) => "Les points sont des nombres entiers, jamais négatifs (les votes quadratiques peuvent l’être).".into(),
        (R::BallotAmount, false) => "Points are whole numbers, never negative (quadratic votes may be).".into(),
        (R::BallotOverBudget { spent, budget }, true) => format!("Votre bulletin dépense {spent} sur un budget de {budget} : retirez-en."),
        (R::BallotOverBudget { spent, budget }, false) => format!("Your ballot spends {spent} out of a budget of {budget}: take some off."),
    }
}

fn topic_error(e: &domain::topic::TopicError, fr: bool) -> String {
    use domain::topic::{TopicError as T, TopicField as F};
    match (e, fr) {
        (T::Slug, true) => "L’adresse du thème compte de 2 à 60 lettres minuscules sans accent, chiffres et tirets simples.".into(),
        (T::Slug, false) => "The topic address has 2 to 60 lower-case unaccented letters, digits and single hyphens.".into(),
        (T::SlugTaken, true) => "Un autre thème utilise déjà cette adresse.".into(),
        (T::SlugTaken, false) => "Another topic already uses this address.".into(),
        (T::Field { field, min, max }, _) => {
            let name = match (field, fr) {
                (F::Slug, true) => "L’adresse",
                (F::Slug, false) => "The address",
                (F::Title, true) => "Le titre",
                (F::Title, false) => "The title",
                (F::Description, true) => "La description",
                (F::Description, false) => "The description",
                (F::Question, true) => "La question",
                (F::Question, false) => "The question",
            };
            if fr {
                format!("{name} doit compter de {min} à {max} caractères, sans caractère de contrôle.")
            } else {
                format!("{name} must have {min} to {max} characters, without control characters.")
            }
        }
    }
}

/// One phrase in the reader's language, for the few texts that appear in a single place.
pub fn tr(locale: Locale, french: &'static str, english: &'static str) -> &'static str {
    if locale == Locale::Fr {
        french
    } else {
        english
    }
}

fn moderation_error(e: &domain::moderation::ModerationError, fr: bool) -> String {
    use domain::moderation::ModerationError as M;
    match (e, fr) {
        (M::WrongState(_), true) => "Cet élément a changé d’état entre-temps : rechargez la page.".into(),
        (M::WrongState(_), false) => "This item changed state meanwhile: reload the page.".into(),
        (M::ReasonRequired { max }, true) => format!("Indiquez le motif du masquage ({max} caractères au plus) : il est affiché publiquement."),
        (M::ReasonRequired { max }, false) => format!("Give the reason for hiding ({max} characters at most): it is shown publicly."),
        (M::AlreadyAppealed, true) => "Vous avez déjà fait appel de cette décision.".into(),
        (M::AlreadyAppealed, false) => "You already appealed this decision.".into(),
        (M::UnknownReason, true) => "Choisissez un motif de signalement dans la liste.".into(),
        (M::UnknownReason, false) => "Choose a reason for the report from the list.".into(),
        (M::NoteRequired { max }, true) => format!("Précisez le signalement en quelques mots ({max} caractères au plus)."),
        (M::NoteRequired { max }, false) => format!("Describe the report in a few words ({max} characters at most)."),
        (M::AlreadyReported, true) => "Vous avez déjà signalé ce contenu.".into(),
        (M::AlreadyReported, false) => "You already reported this content.".into(),
        (M::ContestNote { max }, true) => format!("Expliquez ce qui est contesté ({max} caractères au plus)."),
        (M::ContestNote { max }, false) => format!("Explain what is contested ({max} characters at most)."),
        (M::ContestSources { max }, true) => format!("Citez de 1 à {max} sources, une adresse http ou https par ligne."),
        (M::ContestSources { max }, false) => format!("Cite 1 to {max} sources, one http or https address per line."),
        (M::SuspensionLength { max_days }, true) => format!("Une suspension dure de 1 à {max_days} jours, ou est définitive."),
        (M::SuspensionLength { max_days }, false) => format!("A suspension lasts 1 to {max_days} days, or is permanent."),
        (M::SettingOutOfRange { max_threshold, max_hours }, true) => format!("Le seuil de signalements va de 1 à {max_threshold} ; l’âge des comptes récents de 0 à {max_hours} heures."),
        (M::SettingOutOfRange { max_threshold, max_hours }, false) => format!("The report threshold is 1 to {max_threshold}; the new-account age 0 to {max_hours} hours."),
    }
}

/// A report reason's name.
pub fn report_reason_name(r: domain::moderation::ReportReason, locale: Locale) -> &'static str {
    use domain::moderation::ReportReason as R;
    let fr = locale == Locale::Fr;
    match r {
        R::Spam => "Spam",
        R::Abuse => {
            if fr {
                "Propos injurieux ou haineux"
            } else {
                "Abusive or hateful words"
            }
        }
        R::OffTopic => {
            if fr {
                "Hors sujet"
            } else {
                "Off topic"
            }
        }
        R::Misleading => {
            if fr {
                "Information trompeuse ou fausse"
            } else {
                "Misleading or false information"
            }
        }
        R::PersonalData => {
            if fr {
                "Données personnelles"
            } else {
                "Personal data"
            }
        }
        R::Other => {
            if fr {
                "Autre"
            } else {
                "Other"
            }
        }
    }
}

/// A moderation log action's name.
pub fn moderation_action_name(action: &str, locale: Locale) -> String {
    let fr = locale == Locale::Fr;
    match action {
        "approve" => pick(fr, "Approuvé", "Approved"),
        "hide" => pick(fr, "Masqué", "Hidden"),
        "restore" => pick(fr, "Rétabli", "Restored"),
        "auto_hide" => pick(fr, "Masqué en attente d’examen", "Hidden pending review"),
        "appeal" => pick(fr, "Appel de l’auteur", "Author’s appeal"),
        "close_topic" => pick(
            fr,
            "Thème fermé aux propositions",
            "Topic closed to proposals",
        ),
        "contest" => pick(fr, "Étiqueté « contesté »", "Labelled “contested”"),
        "uncontest" => pick(
            fr,
            "Étiquette « contesté » retirée",
            "“Contested” label removed",
        ),
        "suspend" => pick(fr, "Compte suspendu", "Account suspended"),
        "ban" => pick(fr, "Compte banni", "Account banned"),
        "reinstate" => pick(fr, "Compte rétabli", "Account reinstated"),
        "create_topic" => pick(fr, "Thème créé", "Topic created"),
        "edit_topic" => pick(fr, "Thème modifié", "Topic edited"),
        "pin_topic" => pick(fr, "Thème épinglé", "Topic pinned"),
        "unpin_topic" => pick(fr, "Thème désépinglé", "Topic unpinned"),
        "archive_topic" => pick(fr, "Thème archivé", "Topic archived"),
        "unarchive_topic" => pick(fr, "Thème désarchivé", "Topic unarchived"),
        "move_topic_up" | "move_topic_down" => pick(fr, "Thème déplacé", "Topic moved"),
        "premoderate_topic" => pick(
            fr,
            "Thème passé en pré-modération",
            "Topic put under pre-moderation",
        ),
        "postmoderate_topic" => pick(
            fr,
            "Thème passé en post-modération",
            "Topic put under post-moderation",
        ),
        "settings" => pick(
            fr,
            "Réglages de modération changés",
            "Moderation settings changed",
        ),
        "status" => pick(
            fr,
            "Statut de proposition changé",
            "Proposal status changed",
        ),
        "open_topic" => pick(
            fr,
            "Thème rouvert aux propositions",
            "Topic reopened to proposals",
        ),
        "round_create" => pick(fr, "Scrutin créé", "Voting round created"),
        "round_edit" => pick(fr, "Scrutin modifié", "Voting round edited"),
        "round_close" => pick(fr, "Scrutin clos", "Voting round closed"),
        "round_seal" => pick(
            fr,
            "Lien entre votants et bulletins détruit",
            "Voter–ballot link destroyed",
        ),
        "report_settings" => pick(fr, "Contenu du rapport changé", "Report contents changed"),
        "report_pin" => pick(
            fr,
            "Argument épinglé au rapport",
            "Argument pinned to the report",
        ),
        "report_unpin" => pick(
            fr,
            "Argument retiré du rapport",
            "Argument unpinned from the report",
        ),
        "report_dissent" => pick(fr, "Note de dissensus écrite", "Dissent note written"),
        "report_dissent_delete" => pick(fr, "Note de dissensus supprimée", "Dissent note deleted"),
        "account_delete" => pick(
            fr,
            "Compte supprimé par son titulaire",
            "Account deleted by its owner",
        ),
        "account_purge" => pick(fr, "Compte inactif supprimé", "Inactive account deleted"),
        other => other.to_owned(),
    }
}

fn pick(fr: bool, french: &str, english: &str) -> String {
    if fr { french } else { english }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality_and_defaults_to_french() {
        assert_eq!(Locale::negotiate("en-GB,en;q=0.9,fr;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("de-DE,fr;q=0.5,en;q=0.7"), Locale::En);
        assert_eq!(Locale::negotiate("de-DE"), Locale::Fr);
        assert_eq!(Locale::negotiate(""), Locale::Fr);
        assert_eq!(Locale::negotiate("en;q=0"), Locale::Fr);
    }
}
