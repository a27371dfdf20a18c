## Texts

site_name = Convention citoyenne
skip_link = Aller au contenu
nav_label = Navigation principale
nav_home = Accueil
nav_login = Se connecter
nav_register = Créer un compte
nav_account = Mon compte
nav_admin_users = Comptes et rôles
lang_label = Langue
footer = Montpellier Méditerranée Métropole — plateforme libre de démocratie participative
loading = Chargement…
home_question = La question posée à la convention
home_topics = Les thèmes du débat
topic_back = Retour aux thèmes
topic_empty = Les propositions et la discussion de ce thème apparaîtront ici.
register_title = Créer un compte
register_intro = Un compte vous permet de débattre, de proposer et de voter.
register_submit = Créer mon compte
register_have_account = Vous avez déjà un compte ? Connectez-vous
login_title = Se connecter
login_submit = Se connecter
login_no_account = Pas encore de compte ? Créez-en un
field_username = Nom d’utilisateur
field_username_hint = 3 à 32 caractères : lettres, chiffres, « . », « _ » ou « - ».
field_display_name = Nom affiché
field_display_name_hint = Le nom que les autres participants verront, 64 caractères au plus.
field_password = Mot de passe
field_password_hint = Au moins 12 caractères. Une phrase facile à retenir convient très bien.
name_public_label = Publier mon nom d’affichage dans les données ouvertes et le rapport final
name_public_hint = Sinon, vos contributions y figurent sous « participant·e ». Sur le site lui-même, votre nom reste affiché. Vous pourrez changer d’avis sur la page de votre compte.
name_public_title = Mon nom dans les données publiées
name_public_save = Enregistrer mon choix
field_current_password = Mot de passe actuel
field_new_password = Nouveau mot de passe
account_title = Mon compte
account_signed_in_as = Connecté en tant que
account_role = Rôle
change_password_title = Changer de mot de passe
change_password_submit = Changer le mot de passe
password_changed = Votre mot de passe a été changé. Vos autres appareils ont été déconnectés.
logout_submit = Se déconnecter
admin_users_title = Comptes et rôles
admin_users_intro = Attribuez les rôles des participants et suspendez un compte si nécessaire. Une suspension déconnecte la personne immédiatement.
col_username = Nom d’utilisateur
col_display_name = Nom affiché
col_role = Rôle
col_status = État
col_actions = Actions
status_active = Actif
status_suspended = Suspendu
action_set_role = Changer le rôle
action_suspend = Suspendre
action_reinstate = Rétablir
you = vous
users_next_page = Comptes suivants
not_found_title = Page introuvable
not_found_body = Cette page n’existe pas ou n’est plus disponible.
error_title = Erreur
topic_proposals = Propositions
topic_discussion = Discussion du thème
sort_label = Trier
sort_newest = Les plus récentes
sort_supported = Les plus soutenues
sort_discussed = Les plus débattues
filter_label = Filtrer par état
filter_all = Toutes
proposals_empty = Aucune proposition ici pour l’instant.
proposals_next = Propositions suivantes
new_proposal = Écrire une proposition
login_to_take_part = Connectez-vous pour proposer, soutenir et commenter.
by_author = par
pending_badge = En attente de modération
under_review_notice = Signalé : en cours d’examen par la modération
hidden_by_moderation = Masqué par la modération :
new_proposal_title = Nouvelle proposition
field_title = Titre
field_title_hint = Une ligne, 150 caractères au plus.
field_summary = Résumé
field_summary_hint = En une ou deux phrases, 500 caractères au plus.
field_body = Texte de la proposition
field_body_hint = Facultatif. Markdown accepté : **gras**, *italique*, listes, liens. 20 000 caractères au plus.
submit_publish = Publier
submit_draft = Enregistrer comme brouillon
proposal_topic = Thème
proposal_version = Version
proposal_status = État
proposal_author = Auteur ou autrice
proposal_supports = Soutiens
support_submit = Soutenir cette proposition
unsupport_submit = Retirer mon soutien
you_support = Vous soutenez cette proposition.
edit_link = Modifier le texte
history_link = Historique des versions
withdraw_submit = Retirer la proposition
publish_submit = Publier le brouillon
draft_notice = Brouillon : vous seul·e le voyez.
stances_label = Positions exprimées dans les commentaires
edit_proposal_title = Modifier la proposition
save_version = Enregistrer une nouvelle version
history_title = Historique des versions
compare_from = Version de départ
compare_to = Version d’arrivée
compare_submit = Comparer
diff_legend = Texte ajouté souligné, texte supprimé barré.
diff_unchanged = Inchangé.
comments_title = Commentaires
comments_empty = Aucun commentaire pour l’instant.
comments_closed = Cette proposition ne reçoit plus de commentaires.
comment_field = Votre commentaire
comment_hint = Markdown accepté. 5 000 caractères au plus.
comment_stance = Votre position (facultatif)
stance_none = Sans position
comment_submit = Publier le commentaire
reply = Répondre
reply_submit = Publier la réponse
edit_comment = Modifier
edit_comment_submit = Enregistrer la modification
delete_comment = Supprimer
upvote = D’accord
unupvote = Retirer mon accord
edited_mark = modifié
deleted_comment = Commentaire supprimé par son auteur.
topic_closed_notice = Ce thème est fermé aux nouvelles propositions ; sa discussion reste ouverte.
topic_close_submit = Fermer aux nouvelles propositions
topic_open_submit = Rouvrir aux nouvelles propositions
item_topic = Thème
audit_export = Télécharger tout le journal (CSV)
appeal_summary = Faire appel de cette décision
appeal_text = Pourquoi la modération devrait revoir sa décision
appeal_submit = Envoyer l’appel
appeal_waiting = Votre appel a été transmis à la modération.
appeal_answered = Votre appel a été examiné.
appeal_label = Appel de l’auteur ou de l’autrice
nav_search = Rechercher
search_title = Rechercher dans le débat
search_label = Mots recherchés
search_submit = Rechercher
search_hint = Tapez quelques mots : les accents, les majuscules et les terminaisons (pluriels, féminins…) sont ignorés.
search_empty = Aucun thème, aucune proposition ni aucun commentaire ne contient ces mots ni des mots de même famille.
search_suggest = Parcourez plutôt les thèmes du débat :
search_group_topics = Thèmes
search_group_proposals = Propositions
search_group_comments = Commentaires
report_summary = Signaler
report_reason = Motif du signalement
report_note = Précisions (obligatoires pour « Autre »)
report_submit = Envoyer le signalement
report_sent = Merci : votre signalement a été transmis à la modération.
nav_moderation = Modération
nav_audit = Journal de modération
moderation_title = File de modération
moderation_empty = Rien à examiner pour l’instant.
moderation_hidden_title = Contenus masqués
moderation_show_hidden = Voir les contenus masqués
moderation_show_queue = Revenir à la file
approve_submit = Approuver
hide_reason = Motif affiché à la place du contenu
hide_submit = Masquer
restore_submit = Rétablir
open_reports_label = Signalements en cours
item_proposal = Proposition
item_comment = Commentaire
view_item = Voir dans son contexte
awaiting_review_badge = Masqué en attente d’examen
hidden_badge = Masqué
published_badge = Publié
audit_title = Journal de modération
audit_when = Date
audit_who = Par
audit_action = Action
audit_item = Élément
audit_reason = Motif
audit_automatic = Automatique (seuil de signalements)
audit_automatic_count = Automatique (dépouillement du scrutin)
audit_operator = Exploitant du serveur (ligne de commande)
audit_empty = Aucune action de modération pour l’instant.
audit_older = Actions plus anciennes
audit_adopted_by = Adoptée à l’issue du scrutin
audit_ballots_sealed = { $n } { $n ->
    [one] bulletin scellé
   *[other] bulletins scellés
}
audit_merged_into = fusionnée dans la proposition
audit_setting = { $label } : { $value }

## components/header.rs

settings = Réglages
prepare_the_report = Préparer le rapport
votes = Scrutins
report = Rapport

## components/report.rs

contested = Contesté
moderators_note = Note de la modération :
sources = Sources :
remove_the_contested_label = Retirer l’étiquette « contesté »
label_contested = Étiqueter « contesté »
what_is_contested_shown_publicly = Ce qui est contesté (affiché publiquement)
sources_2 = Sources
n1_to_5_http_or = De 1 à 5 adresses http ou https, une par ligne.
suspend_the_author = Suspendre l’auteur
length = Durée
ban_no_end = Bannir (sans limite)
reason_for_the_moderation_log = Motif (pour le journal de modération)

## components/thread.rs

start_of_the_discussion = Début de la discussion
more_of_the_discussion = Suite de la discussion

## lib.rs

open_data = Données ouvertes

## pages/account.rs

invitations_to_co_author = Invitations à co-écrire
from = invitation de
my_data = Mes données
download_everything_the_platform_holds = Télécharger tout ce que la plateforme sait de moi (JSON)
deleting_my_account_erases_my = Supprimer mon compte efface mon identifiant, mon nom et mon mot de passe et ferme mes sessions. Mes propositions et commentaires restent visibles, signés « compte supprimé » ; mes bulletins déjà déposés restent comptés (ils ne sont liés à personne).
password_to_confirm = Mot de passe, pour confirmer
delete_my_account_for_good = Supprimer définitivement mon compte

## pages/curation.rs

debate_topics = Thèmes du débat
new_topic = Nouveau thème
pinned = Épinglé
archived = Archivé
closed_to_proposals = Fermé aux propositions
pre_moderated = Pré-modéré
move_up = Monter
move_down = Descendre
unpin = Désépingler
pin = Épingler
close_to_proposals = Fermer aux propositions
reopen_to_proposals = Rouvrir aux propositions
unarchive = Désarchiver
archive = Archiver
address = Adresse
in_the_url_topics_lower = Dans l’URL /topics/… : lettres minuscules sans accent, chiffres et tirets.
description = Description
markdown_bold_italic_lists_links = Markdown : **gras**, *italique*, listes, liens.
framing_question_optional = Question posée (facultative)
pre_moderation_new_proposals_and = Pré-modération : les nouvelles propositions et les nouveaux commentaires attendent l’accord d’un modérateur
create_the_topic = Créer le thème
edit_the_topic = Modifier le thème
save = Enregistrer
moderation_settings = Réglages de modération
reports_that_hide_an_item = Signalements qui soumettent un contenu à l’examen
n1_to_100_reports_from = De 1 à 100 signalements de personnes différentes qui comptent (ci-dessous). Le contenu reste visible, marqué « en cours d’examen », jusqu’à la décision d’un modérateur.
pre_moderate_everywhere_accounts_younger = Pré-modérer partout les comptes de moins de (heures)
n0_turns_this_rule_off = 0 désactive cette règle ; 8 760 heures au plus (un an).
reporter_min_hours_label = Les signalements comptent venant de comptes d’au moins (heures)
reporter_min_hours_hint = De 0 à 8 760. Tout signalement parvient à la modération ; ceux des modérateurs et des organisateurs comptent toujours.
reporter_min_contributions_label = …ayant publié au moins ce nombre de propositions ou de commentaires
reporter_min_contributions_hint = De 0 à 100. Des comptes créés pour signaler ne peuvent pas soumettre un contenu à l’examen.

## pages/moderation.rs

voting_round = Scrutin
account = Compte
suspended_accounts = Comptes suspendus
no_account_is_suspended = Aucun compte n’est suspendu.
until = jusqu’au
banned = Banni

## pages/open_data.rs

all_the_conventions_public_data = Toutes les données publiques de la convention, extraites au moment du téléchargement, sous{" "}
nothing_hidden_pending_or_personal = {"."} Rien de masqué, d’en attente ni de personnel (adresse, courriel, lien entre un votant et son bulletin) n’y figure.

## pages/proposal.rs

put_to_the_vote = Soumettre au vote
record_adopted = Enregistrer : adoptée
record_rejected = Enregistrer : rejetée
merge_into_another_proposal = Fusionner dans une autre proposition
number_of_the_proposal_it = Numéro de la proposition qui l’absorbe (même thème)
merge = Fusionner
co_authors = Co-auteurs
invitations_waiting = Invitations en attente :
invite_a_co_author = Inviter un co-auteur
username_of_the_person_invited = Nom d’utilisateur de la personne invitée
invite = Inviter
you_are_invited_to_co = Vous êtes invité·e à co-écrire cette proposition.
accept = Accepter
decline = Décliner
merged_into_proposal = Fusionnée dans la proposition

## pages/report.rs

recommendations_report = Rapport de recommandations
preview_the_report = Aperçu du rapport
download = Télécharger :
contents = Contenu
introduction_markdown = Introduction (Markdown)
placed_before_the_recommendations_may = Placée avant les recommandations ; peut rester vide.
closed_rounds_to_include = Scrutins clos à inclure
topics_to_include = Thèmes à inclure
pinned_arguments = Arguments épinglés
for_each_adopted_proposal_pinned = Pour chaque proposition adoptée : les commentaires épinglés et les plus soutenus de ceux qui ont pris position.
no_adopted_proposal_yet = Aucune proposition adoptée pour l’instant.
no_comment_took_a_stance = Aucun commentaire n’a pris position.
side_for = pour
side_against = contre
in_the_report = Dans le rapport :
not_used = non retenu
argument_for = argument pour
argument_against = argument contre
apply = Appliquer
nuances_and_dissent = Nuances et dissensus
delete_this_note = Supprimer cette note
dissent_note_markdown = Note de dissensus (Markdown)
a_minority_position_to_keep = Une position minoritaire à garder dans le rapport.
add_the_note = Ajouter la note
notes_attach_to_proposals_of = Les notes s’attachent aux propositions d’un scrutin clos.

## pages/rounds/ballot.rs

your_ballot_is_recorded = Votre bulletin est enregistré.{" "}
your_receipt = Votre reçu :{" "}
write_it_down_after_the = Notez-le : après la clôture, il vous permet de retrouver votre bulletin dans la liste publiée, sans que personne d’autre sache qu’il est le vôtre.
to_vote = {" "}pour voter.
this_round_is_for_another = Ce scrutin est réservé à un autre corps électoral.
voting_has_not_opened_yet = Le vote n’est pas encore ouvert.
see_the_results = Voir les résultats
close_the_round_now = Clore le scrutin maintenant
seal_destroy_the_voter_ballot = Sceller : détruire le lien votants–bulletins
organisation = Organisation
sealed_round_no_link_left = Scrutin scellé : plus aucun lien entre votants et bulletins.
you_voted = Vous avez voté.
voting_rounds = Scrutins
method = Méthode
who_votes = Qui vote
opens = Ouverture
closes = Clôture
adoption = Adoption
number_the_proposals_in_your = Numérotez les propositions dans l’ordre de votre préférence (1 = préférée). Un même numéro pour plusieurs propositions les met à égalité ; « non classée » les place ensemble après toutes les autres.
give_every_proposal_a_grade = Donnez une mention à chaque proposition.
tick_every_proposal_you_approve = Cochez chaque proposition que vous approuvez.
share_your_points_between_the = Répartissez vos points entre les propositions (nombres entiers, 0 ou plus).
give_votes_for_positive_or = Donnez des votes pour (positifs) ou contre (négatifs) : chaque proposition coûte le carré de ses votes.
for_each_measure_for_against = Pour chaque mesure : pour, contre ou abstention.
not_ranked = non classée
for_2 = Pour
against_2 = Contre
abstain = Abstention
budget = Budget :{" "}
left = {" "}— reste :{" "}
change_my_ballot = Changer mon bulletin
vote = Voter
your_ballot = Votre bulletin
your_ballot_is_secret_it = Votre bulletin est secret : il est enregistré sans votre nom. Vous pouvez le changer jusqu’à la clôture.

## pages/rounds/mod.rs

borda_points_by_rank = Borda (points par rang)
schulze_condorcet = Schulze (Condorcet)
majority_judgment = Jugement majoritaire
approval_voting = Vote par approbation
cumulative_voting_points_to_share = Vote cumulatif (points à répartir)
quadratic_voting = Vote quadratique
vote_by_measure_for_against = Vote par mesure (pour, contre, abstention)
drawn_members = Membres tirés au sort
every_registered_citizen = Tous les citoyens inscrits
members_and_public_results_side = Membres et public, résultats côte à côte
public = Public
upcoming = À venir
open = Ouvert
closed = Clos
consultative_no_proposal_is_adopted = Consultatif : aucune proposition n’est adoptée d’office.
new_round = Nouveau scrutin
no_voting_round_yet = Aucun scrutin pour l’instant.
proposals = propositions
from_2 = Du{" "}
to = {" "}au{" "}

## pages/rounds/results.rs

results = Résultats :{" "}
official_result = {" "}(résultat officiel)
advisory = {" "}(consultatif)
ranking = Classement
borda_points = Points Borda
proposals_defeated = Propositions battues
majority_grade = Mention majoritaire
approvals = Approbations
points = Points
votes_2 = Votes
share_of_for = Part de « pour »
adopted = Adoptée
head_to_head_ballots_ranking = Duels : nombre de bulletins qui classent la proposition de la ligne avant celle de la colonne
voters = {" "}votants ·{" "}
ballots_counted = {" "}bulletins comptés
rejected = rejetés
chart_the_table_below_gives = Graphique ; le tableau ci-dessous donne les mêmes chiffres.
ranking_and_scores = Classement et scores
rank = Rang
download_the_published_ballots_json = Télécharger les bulletins publiés (JSON, avec les reçus)
re_count_it_yourself = Recompter soi-même
the_ballots_file_is_a = Le fichier des bulletins est un document de « convention tally » :{" "}
gives_exactly = {" "}donne exactement :

## pages/rounds/settings.rs

none_consultative = Aucune (consultatif)
the_first_k_places = Les k premières places
majority_grade_at_least_majority = Mention majoritaire au moins égale à… (jugement majoritaire)
each_measures_threshold_vote_by = Seuil de chaque mesure (vote par mesure)
grade_scale_majority_judgment_one = Échelle de mentions (jugement majoritaire), une par ligne, de la meilleure à la pire
budget_cumulative_points_quadratic_sum = Budget (vote cumulatif : points ; quadratique : somme des carrés)
adoption_threshold_vote_by_measure = Seuil d’adoption (vote par mesure), p/q
strictly_above_the_threshold = Strictement au-dessus du seuil
adoption_rule = Règle d’adoption
k_for_the_first_k = k (pour « les k premières places »)
lowest_grade_for_the_grade = Mention minimale (pour la règle de mention)
opening_paris_time = Ouverture (heure de Paris)
close_paris_time = Clôture (heure de Paris)
proposals_put_to_the_vote = Propositions soumises au vote
published_or_already_under_vote = Publiées ou déjà en vote ; de 2 à 100. Elles figurent sur le bulletin par ordre de numéro.
create_the_round = Créer le scrutin
edit_the_round = Modifier le scrutin

## pages/topic.rs

about_this_topic = Présentation du thème
this_topic_is_archived_it = Ce thème est archivé : il reste lisible mais ne reçoit plus de contributions.
new_contributions_to_this_topic = Les nouvelles contributions à ce thème sont relues par la modération avant d’être publiées.
manage_topics = Gérer les thèmes

## Language, roles, statuses, stances, report reasons (app/src/i18n/names.rs)

language_name = Français
role_citizen = Citoyen·ne
role_member = Membre tiré·e au sort
role_moderator = Modérateur·rice
role_organiser = Organisateur·rice
status_draft = Brouillon
status_published = Publiée
status_under_vote = Soumise au vote
status_adopted = Adoptée
status_rejected = Rejetée
status_withdrawn = Retirée
status_merged = Fusionnée
stance_for = Pour
stance_against = Contre
stance_neutral = Neutre
reason_spam = Spam
reason_abuse = Propos injurieux ou haineux
reason_off_topic = Hors sujet
reason_misleading = Information trompeuse ou fausse
reason_personal_data = Données personnelles
reason_other = Autre

## Counts (plurals follow CLDR: in French, 0 and 1 take the singular)

count_supports = { $n } { $n ->
    [one] soutien
   *[other] soutiens
}
count_comments = { $n } { $n ->
    [one] commentaire
   *[other] commentaires
}
count_upvotes = { $n } { $n ->
    [one] personne d’accord
   *[other] personnes d’accord
}
count_results = { $n } { $n ->
    [one] résultat
   *[other] résultats
}
characters_typed = { $n } { $n ->
    [one] caractère saisi
   *[other] caractères saisis
}
suspension_days = { $n } { $n ->
    [one] jour
   *[other] jours
}
version_n = Version { $n }

## Moderation log actions

log_approve = Approuvé
log_hide = Masqué
log_restore = Rétabli
log_auto_hide = Masqué en attente d’examen
log_under_review = Soumis à l’examen de la modération, toujours visible
log_appeal = Appel de l’auteur
log_close_topic = Thème fermé aux propositions
log_contest = Étiqueté « contesté »
log_uncontest = Étiquette « contesté » retirée
log_suspend = Compte suspendu
log_ban = Compte banni
log_role = Rôle changé
log_reinstate = Compte rétabli
log_create_topic = Thème créé
log_edit_topic = Thème modifié
log_pin_topic = Thème épinglé
log_unpin_topic = Thème désépinglé
log_archive_topic = Thème archivé
log_unarchive_topic = Thème désarchivé
log_move_topic = Thème déplacé
log_premoderate_topic = Thème passé en pré-modération
log_postmoderate_topic = Thème passé en post-modération
log_settings = Réglages de modération changés
log_status = Statut de proposition changé
log_open_topic = Thème rouvert aux propositions
log_round_create = Scrutin créé
log_round_edit = Scrutin modifié
log_round_close = Scrutin clos
log_round_open = Scrutin ouvert avant l’heure
log_round_cancel = Scrutin annulé
log_round_delete = Scrutin annulé supprimé
log_round_seal = Lien entre votants et bulletins détruit
log_report_settings = Contenu du rapport changé
log_report_pin = Argument épinglé au rapport
log_report_unpin = Argument retiré du rapport
log_report_dissent = Note de dissensus écrite
log_report_dissent_delete = Note de dissensus supprimée
log_account_delete = Compte supprimé par son titulaire
log_account_purge = Compte inactif supprimé

## Rounds: adoption rules (app/src/pages/rounds/mod.rs)

rule_top = Les { $k } premières places sont adoptées (une égalité à la dernière place adopte toutes les ex æquo).
rule_grade = Adoptée avec une mention majoritaire « { $grade } » ou meilleure.
rule_measure_strict = Chaque mesure est adoptée avec plus de { $p }/{ $q } de « pour » parmi les pour et contre.
rule_measure = Chaque mesure est adoptée avec au moins { $p }/{ $q } de « pour » parmi les pour et contre.

## Errors (app/src/i18n/errors.rs)

error_unauthenticated = Veuillez vous connecter pour continuer.
error_forbidden = Votre rôle ne permet pas cette action.
error_suspended = Ce compte est suspendu.
error_not_found = Élément introuvable.
error_bad_credentials = Nom d’utilisateur ou mot de passe incorrect.
error_wrong_current_password = Le mot de passe actuel est incorrect.
error_username_taken = Ce nom d’utilisateur est déjà pris.
error_username_lookalike = Ce nom d’utilisateur ressemble trop à celui d’un autre compte (lettres qui se confondent, comme « rn » et « m ») : choisissez-en un autre.
error_own_account = Vous ne pouvez pas modifier votre propre rôle ni vous suspendre.
error_last_organiser = Vous êtes le dernier organisateur : confiez ce rôle à quelqu’un d’autre avant de supprimer votre compte.
error_bad_request = La requête est incomplète ou mal formée.
error_network = Le serveur est injoignable. Vérifiez votre connexion et réessayez.
error_internal = Une erreur interne est survenue. Référence : { $reference }
error_stale = Quelqu’un a modifié cet élément entre-temps. Rechargez la page pour repartir de la dernière version.
error_closed = Cette proposition ne reçoit plus de commentaires ni de votes.
error_topic_closed = Ce thème ne reçoit plus de nouvelles propositions ; sa discussion reste ouverte.
error_too_large = Ce formulaire est trop volumineux : raccourcissez votre texte et envoyez-le de nouveau.
error_cross_origin = Requête refusée : elle provient d’un autre site.
error_api_proposal_param = Paramètre `proposal` invalide : un identifiant, nombre entier positif.
error_api_page_numbers = Paramètres invalides : `after` et `limit` sont des nombres entiers.
error_api_page_range = Paramètres invalides : `after` est positif, `limit` va de 1 à 200.
error_api_topic_param = Paramètre `topic` invalide : l’adresse d’un thème (lettres minuscules, chiffres, tirets).
error_rate_limited = Trop de tentatives en peu de temps : réessayez { $minutes ->
    [1] dans une minute
   *[other] dans { $minutes } minutes
}.
error_report_introduction = L’introduction compte au plus { $max } caractères, sans caractère de contrôle.
error_report_dissent = Une note de dissensus compte de 1 à { $max } caractères, sans caractère de contrôle.
error_report_side = Choisissez « pour », « contre » ou « retirer ».
error_username_length = Le nom d’utilisateur doit compter de { $min } à { $max } caractères (il en compte { $actual }).
error_username_characters = Le nom d’utilisateur ne peut contenir que des lettres, des chiffres, « . », « _ » et « - ».
error_username_scripts = Le nom d’utilisateur ne peut pas mêler plusieurs alphabets (par exemple des lettres latines et cyrilliques) : il pourrait se faire passer pour un autre.
error_display_name_length = Le nom affiché doit compter de 1 à { $max } caractères (il en compte { $actual }).
error_display_name_characters = Le nom affiché contient des caractères de contrôle interdits.
error_password_length = Le mot de passe doit compter de { $min } à { $max } caractères (il en compte { $actual }).
error_password_nul = Le mot de passe contient un caractère nul interdit.
field_the_title = Le titre
field_the_summary = Le résumé
field_the_text = Le texte
error_proposal_not_allowed = Seuls les auteurs de la proposition (ou les organisateurs, selon l’action) peuvent faire cela.
error_proposal_wrong_status = Cette action n’est plus possible à ce stade de la proposition.
error_field_required = { $field } est obligatoire ({ $max } caractères au plus).
error_field_length = { $field } compte { $actual } caractères ; { $max } au plus.
error_field_characters = { $field } contient des caractères de contrôle interdits.
error_field_nesting = { $field } imbrique citations et listes sur plus de { $max } niveaux : aplatissez-le.
error_comment_empty = Le commentaire est vide ({ $max } caractères au plus).
error_comment_length = Le commentaire compte { $actual } caractères ; { $max } au plus.
error_comment_characters = Le commentaire contient des caractères de contrôle interdits.
error_comment_nesting = Le commentaire imbrique citations et listes sur plus de { $max } niveaux : aplatissez-le.
error_comment_stance = Position inconnue : choisissez pour, contre ou neutre.
error_comment_stance_without_proposal = Une position ne se prend que sur une proposition.
error_comment_edit_window = Un commentaire ne peut être modifié que dans les 15 minutes qui suivent sa publication.
error_round_title = Le titre du scrutin doit compter de 1 à { $max } caractères, sans caractère de contrôle.
error_round_method = Choisissez une des sept méthodes de vote.
error_round_grades = L’échelle de mentions compte de 2 à { $max } mentions différentes, une par ligne, de la meilleure à la pire, { $length } caractères au plus chacune.
error_round_budget = Le budget est un nombre entier de 1 à 1 000 000 000.
error_round_threshold = Le seuil s’écrit p/q (par exemple 1/2 ou 2/3), avec p ≤ q.
error_round_electorate = Choisissez qui vote : les membres, les citoyens, ou les deux.
error_round_candidates = Choisissez de 2 à { $max } propositions publiées.
error_round_times = Indiquez l’ouverture et la clôture (date et heure de Paris) ; la clôture vient après l’ouverture et dans le futur.
error_round_rule = Cette règle d’adoption ne convient pas : « k premiers » demande un k inférieur au nombre de propositions, « mention » un jugement majoritaire et une mention de l’échelle, « seuil » un vote par mesure.
error_round_frozen = Le scrutin est ouvert : sa méthode, ses propositions, son corps électoral et sa règle ne peuvent plus changer.
error_round_not_open = Le scrutin n’est pas encore ouvert.
error_round_closed = Le scrutin est clos : plus aucun bulletin n’est accepté.
error_round_has_ballots = Quelqu’un a déjà voté dans ce scrutin : il ne peut plus être annulé. Vous pouvez le clore.
error_round_not_cancelled = Seul un scrutin annulé peut être supprimé.
error_round_cancelled = Ce scrutin a été annulé : il ne reçoit aucun bulletin et n’a pas de résultat.
error_round_not_closed = Les résultats sont publiés à la clôture du scrutin.
error_round_not_eligible = Ce scrutin est réservé à un autre corps électoral.
error_round_locked = Votre bulletin ne peut plus être modifié (la clé des bulletins du serveur a changé) ; il reste compté tel que vous l’avez déposé.
error_ballot_incomplete = Donnez une mention à chaque proposition.
error_ballot_field = Un choix du bulletin ne correspond à aucune option proposée.
error_ballot_amount = Les points sont des nombres entiers, jamais négatifs (les votes quadratiques peuvent l’être).
error_ballot_over_budget = Votre bulletin dépense { $spent } sur un budget de { $budget } : retirez-en.
error_topic_slug = L’adresse du thème compte de 2 à 60 lettres minuscules sans accent, chiffres et tirets simples.
error_topic_slug_taken = Un autre thème utilise déjà cette adresse.
field_the_address = L’adresse
field_the_description = La description
field_the_question = La question
error_topic_field = { $field } doit compter de { $min } à { $max } caractères, sans caractère de contrôle.
error_moderation_wrong_state = Cet élément a changé d’état entre-temps : rechargez la page.
error_moderation_reason = Indiquez le motif du masquage ({ $max } caractères au plus) : il est affiché publiquement.
error_already_appealed = Vous avez déjà fait appel de cette décision.
error_unknown_reason = Choisissez un motif de signalement dans la liste.
error_note_required = Précisez le signalement en quelques mots ({ $max } caractères au plus).
error_already_reported = Vous avez déjà signalé ce contenu.
error_contest_note = Expliquez ce qui est contesté ({ $max } caractères au plus).
error_contest_sources = Citez de 1 à { $max } sources, une adresse http ou https par ligne.
error_suspension_length = Une suspension dure de 1 à { $max_days } jours, ou est définitive.
error_moderation_settings = Le seuil de signalements va de 1 à { $max_threshold } ; l’âge des comptes de 0 à { $max_hours } heures ; les contributions de 0 à { $max_contributions }. Nombres entiers uniquement.

## Open data (app/src/pages/open_data.rs)

dataset_topics = Les thèmes du débat, leur question et leur description.
dataset_proposals = Les propositions publiées, leur statut, leurs soutiens et leurs résultats de vote.
dataset_comments = Les commentaires publiés et leur position, signés du nom affiché de leur auteur s’il l’a accepté (« participant·e » sinon).
dataset_rounds = Chaque scrutin clos : méthode, participation et classement de chaque proposition, par décompte.
dataset_ballots = Les bulletins des scrutins clos, sans aucun lien avec les votants, avec leur reçu.
dataset_topics_title = Thèmes
dataset_proposals_title = Propositions
dataset_comments_title = Commentaires
dataset_rounds_title = Scrutins et résultats
dataset_ballots_title = Bulletins anonymisés
report_publication = Publication
report_published_since = Publié : chacun peut télécharger le rapport (PDF, ODT, Markdown) depuis la page publique, depuis le
report_not_published = Pas encore publié : la page publique montre le rapport en cours, sans ses fichiers à télécharger.
report_publish = Publier le rapport
report_unpublish = Retirer la publication
log_report_publish = Publication du rapport
log_report_unpublish = Retrait de la publication du rapport
ranks_borda = Chaque bulletin classe les propositions ; une proposition gagne un point pour chaque proposition classée sous elle, et le total des points fait le rang.
ranks_schulze = Une proposition en bat une autre si la plus forte chaîne de duels gagnés mène d’elle à l’autre plutôt que l’inverse ; celles qu’aucune ne bat sont premières ex æquo, et ainsi de suite. À rang égal, le nombre de propositions battues peut différer.
ranks_majority_judgment = Chaque proposition reçoit la mention que lui accorde au moins la moitié des votants (sa mention majoritaire) ; à mention égale, les mentions suivantes, prises de part et d’autre de la médiane, départagent.
ranks_approval = Chaque votant approuve autant de propositions qu’il le souhaite ; le nombre d’approbations fait le rang.
ranks_cumulative = Chaque votant répartit un budget de points entre les propositions ; le total des points reçus fait le rang.
ranks_quadratic = Chaque votant donne des voix pour ou contre, n voix sur une proposition coûtant n² crédits de son budget ; le total des voix fait le rang.
ranks_measure = Chaque proposition est votée pour elle-même (pour, contre, abstention) ; la part de « pour » parmi les pour et contre fait le rang.
tied = (ex æquo)
withdraw_warning = Retirée, la proposition quitte le débat et les votes définitivement : elle ne pourra pas être remise.
withdraw_confirm = Oui, la retirer
close_warning = Le vote s’arrête aussitôt pour tout le monde, avant la fin prévue : le scrutin ne pourra pas être rouvert.
close_confirm = Oui, clore le scrutin maintenant
seal_warning = Sceller efface définitivement quel compte a déposé quel bulletin : personne, les organisateurs compris, ne pourra plus jamais les relier. Les bulletins et les reçus restent, et le résultat peut toujours être recompté.
seal_confirm = Oui, sceller le scrutin
suspend_warning = La personne est aussitôt déconnectée et ne peut plus se connecter, jusqu’à ce qu’un organisateur la rétablisse.
suspend_confirm = Oui, suspendre
open_the_round_now = Ouvrir le scrutin maintenant
open_now_warning = Le vote commence aussitôt, au lieu de l’heure prévue : ses réglages et ses propositions ne pourront plus changer.
open_now_confirm = Oui, l’ouvrir maintenant
cancel_the_round = Annuler le scrutin
cancel_warning = Personne n’a encore voté. Annulé, le scrutin ne reçoit aucun bulletin, n’est jamais dépouillé et disparaît de la vue du public ; seuls les organisateurs le voient encore, pour le supprimer.
cancel_confirm = Oui, annuler le scrutin
delete_the_round = Supprimer le scrutin
delete_round_warning = Le scrutin annulé est supprimé définitivement ; le journal de modération garde son titre.
delete_round_confirm = Oui, le supprimer
round_cancelled = Annulé
round_cancelled_notice = Ce scrutin a été annulé : il ne reçoit aucun bulletin et seuls les organisateurs le voient.
round_deleted_notice = Le scrutin a été supprimé.

## A suspended person signing in, and their appeal
error_suspended_until = Ce compte est suspendu jusqu’au { $until }.
error_banned = Ce compte est banni : il ne peut plus participer, sauf si la modération lève cette décision.
suspension_reason = Motif donné par la modération :
suspension_already_appealed = Vous avez déjà contesté cette décision : l’équipe de modération examine votre demande.
suspension_appeal_title = Contester cette décision
suspension_appeal_intro = Si vous pensez que c’est une erreur, expliquez-le à l’équipe de modération : elle lira votre demande et peut lever la suspension. Confirmez votre identifiant et votre mot de passe ; une seule demande par décision.
suspension_appeal_field = Votre demande
suspension_appeal_submit = Envoyer ma contestation
suspension_appeal_sent = Votre contestation a été transmise à la modération.
log_suspension_appeal = Contestation d’une suspension

## A person's moderation page
moderate_person = Fiche de modération
person_role = Rôle
person_since = Compte créé le
person_state = État
person_active = Participe normalement
person_history = Historique de modération
person_history_empty = Le journal de modération ne mentionne pas encore cette personne ni ce qu’elle a écrit.
person_suspend = Suspendre ou bannir cette personne
person_no_action = Seul un organisateur peut suspendre un membre de l’équipe.
suspend_form_warning = La personne est aussitôt déconnectée et ne peut plus participer pendant la durée choisie ; en se connectant, elle voit le motif et peut contester.
suspension_appealed_badge = Contestée : voir la fiche
delete_comment_warning = Le commentaire est supprimé définitivement ; s’il a des réponses, elles restent, sous la mention « Commentaire supprimé par son auteur ».
delete_comment_confirm = Oui, le supprimer
delete_note_warning = La note disparaît du rapport ; le journal de modération garde la trace de sa suppression.
delete_note_confirm = Oui, la supprimer
