## Texts

site_name = Citizens’ convention
skip_link = Skip to content
nav_label = Main navigation
nav_home = Home
nav_login = Log in
nav_register = Create an account
nav_account = My account
nav_admin_users = Accounts and roles
lang_label = Language
footer = Montpellier Méditerranée Métropole — free software for participatory democracy
loading = Loading…
home_question = The question put to the convention
home_topics = Topics of the debate
topic_back = Back to the topics
topic_empty = This topic’s proposals and discussion will appear here.
register_title = Create an account
register_intro = An account lets you debate, propose and vote.
register_submit = Create my account
register_have_account = Already have an account? Log in
login_title = Log in
login_submit = Log in
login_no_account = No account yet? Create one
field_username = Username
field_username_hint = 3 to 32 characters: letters, digits, “.”, “_” or “-”.
field_display_name = Display name
field_display_name_hint = The name other participants will see, at most 64 characters.
field_password = Password
field_password_hint = At least 12 characters. An easy-to-remember sentence works well.
name_public_label = Publish my display name in the open data and the final report
name_public_hint = Otherwise your contributions appear there as “participant·e”. On the site itself your name stays shown. You can change your mind on your account page.
name_public_title = My name in published data
name_public_save = Save my choice
field_current_password = Current password
field_new_password = New password
account_title = My account
account_signed_in_as = Signed in as
account_role = Role
change_password_title = Change password
change_password_submit = Change password
password_changed = Your password has been changed. Your other devices have been signed out.
logout_submit = Log out
admin_users_title = Accounts and roles
admin_users_intro = Assign participants’ roles and suspend an account when needed. A suspension signs the person out at once.
col_username = Username
col_display_name = Display name
col_role = Role
col_status = Status
col_actions = Actions
status_active = Active
status_suspended = Suspended
action_set_role = Change role
action_suspend = Suspend
action_reinstate = Reinstate
you = you
users_next_page = Next accounts
not_found_title = Page not found
not_found_body = This page does not exist or is no longer available.
error_title = Error
topic_proposals = Proposals
topic_discussion = Topic discussion
sort_label = Sort
sort_newest = Newest
sort_supported = Most supported
sort_discussed = Most discussed
filter_label = Filter by status
filter_all = All
proposals_empty = No proposals here yet.
proposals_next = More proposals
new_proposal = Write a proposal
login_to_take_part = Log in to propose, support and comment.
by_author = by
pending_badge = Awaiting moderation
under_review_notice = Reported: under review by the moderators
hidden_by_moderation = Hidden by moderation:
new_proposal_title = New proposal
field_title = Title
field_title_hint = One line, 150 characters at most.
field_summary = Summary
field_summary_hint = In one or two sentences, 500 characters at most.
field_body = Text of the proposal
field_body_hint = Optional. Markdown accepted: **bold**, *italics*, lists, links. 20,000 characters at most.
submit_publish = Publish
submit_draft = Save as draft
proposal_topic = Topic
proposal_version = Version
proposal_status = Status
proposal_author = Author
proposal_supports = Supports
support_submit = Support this proposal
unsupport_submit = Withdraw my support
you_support = You support this proposal.
edit_link = Edit the text
history_link = Version history
withdraw_submit = Withdraw the proposal
publish_submit = Publish the draft
draft_notice = Draft: only you can see it.
stances_label = Stances taken in the comments
edit_proposal_title = Edit the proposal
save_version = Save a new version
history_title = Version history
compare_from = From version
compare_to = To version
compare_submit = Compare
diff_legend = Added text underlined, removed text struck through.
diff_unchanged = Unchanged.
comments_title = Comments
comments_empty = No comments yet.
comments_closed = This proposal no longer takes comments.
comment_field = Your comment
comment_hint = Markdown accepted. 5,000 characters at most.
comment_stance = Your stance (optional)
stance_none = No stance
comment_submit = Post the comment
reply = Reply
reply_submit = Post the reply
edit_comment = Edit
edit_comment_submit = Save the change
delete_comment = Delete
upvote = Agree
unupvote = Take back my agreement
edited_mark = edited
deleted_comment = Comment deleted by its author.
topic_closed_notice = This topic is closed to new proposals; its discussion stays open.
topic_close_submit = Close to new proposals
topic_open_submit = Reopen to new proposals
item_topic = Topic
audit_export = Download the whole log (CSV)
appeal_summary = Appeal this decision
appeal_text = Why the moderators should look again
appeal_submit = Send the appeal
appeal_waiting = Your appeal was sent to the moderators.
appeal_answered = Your appeal was reviewed.
appeal_label = The author’s appeal
nav_search = Search
search_title = Search the debate
search_label = Words to look for
search_submit = Search
search_hint = Type a few words: accents, capitals and word endings (plurals, feminines…) are ignored.
search_empty = No topic, proposal or comment holds these words or words of the same family.
search_suggest = Browse the debate's topics instead:
search_group_topics = Topics
search_group_proposals = Proposals
search_group_comments = Comments
report_summary = Report
report_reason = Reason for the report
report_note = Details (required for “Other”)
report_submit = Send the report
report_sent = Thank you: your report was sent to the moderators.
nav_moderation = Moderation
nav_audit = Moderation log
moderation_title = Moderation queue
moderation_empty = Nothing to review for now.
moderation_hidden_title = Hidden content
moderation_show_hidden = Show hidden content
moderation_show_queue = Back to the queue
approve_submit = Approve
hide_reason = Reason shown instead of the content
hide_submit = Hide
restore_submit = Restore
open_reports_label = Open reports
item_proposal = Proposal
item_comment = Comment
view_item = View in context
awaiting_review_badge = Hidden pending review
hidden_badge = Hidden
published_badge = Published
audit_title = Moderation log
audit_when = Date
audit_who = By
audit_action = Action
audit_item = Item
audit_reason = Reason
audit_automatic = Automatic (report threshold)
audit_automatic_count = Automatic (vote count)
audit_operator = Server operator (command line)
audit_empty = No moderation action yet.
audit_older = Older actions
audit_adopted_by = Adopted at the end of round
audit_ballots_sealed = { $n } { $n ->
    [one] ballot sealed
   *[other] ballots sealed
}
audit_merged_into = merged into proposal
audit_setting = { $label }: { $value }

## components/header.rs

settings = Settings
prepare_the_report = Prepare the report
votes = Votes
report = Report

## components/report.rs

contested = Contested
moderators_note = Moderators’ note:
sources = Sources:
remove_the_contested_label = Remove the “contested” label
label_contested = Label “contested”
what_is_contested_shown_publicly = What is contested (shown publicly)
sources_2 = Sources
n1_to_5_http_or = 1 to 5 http or https addresses, one per line.
suspend_the_author = Suspend the author
length = Length
ban_no_end = Ban (no end)
reason_for_the_moderation_log = Reason (for the moderation log)

## components/thread.rs

start_of_the_discussion = Start of the discussion
more_of_the_discussion = More of the discussion

## lib.rs

open_data = Open data

## pages/account.rs

invitations_to_co_author = Invitations to co-author
from = from
my_data = My data
download_everything_the_platform_holds = Download everything the platform holds about me (JSON)
deleting_my_account_erases_my = Deleting my account erases my login, my name and my password and ends my sessions. My proposals and comments stay visible, signed “compte supprimé”; ballots already cast stay counted (they are linked to no one).
password_to_confirm = Password, to confirm
delete_my_account_for_good = Delete my account for good

## pages/curation.rs

debate_topics = Debate topics
new_topic = New topic
pinned = Pinned
archived = Archived
closed_to_proposals = Closed to proposals
pre_moderated = Pre-moderated
move_up = Move up
move_down = Move down
unpin = Unpin
pin = Pin
close_to_proposals = Close to proposals
reopen_to_proposals = Reopen to proposals
unarchive = Unarchive
archive = Archive
address = Address
in_the_url_topics_lower = In the URL /topics/…: lower-case unaccented letters, digits and hyphens.
description = Description
markdown_bold_italic_lists_links = Markdown: **bold**, *italic*, lists, links.
framing_question_optional = Framing question (optional)
pre_moderation_new_proposals_and = Pre-moderation: new proposals and comments wait for a moderator’s approval
create_the_topic = Create the topic
edit_the_topic = Edit the topic
save = Save
moderation_settings = Moderation settings
reports_that_hide_an_item = Reports that put an item under review
n1_to_100_reports_from = 1 to 100 reports from different people who count (below). The item stays visible, marked “under review”, until a moderator decides.
pre_moderate_everywhere_accounts_younger = Pre-moderate everywhere accounts younger than (hours)
n0_turns_this_rule_off = 0 turns this rule off; 8,760 hours at most (a year).
reporter_min_hours_label = Reports count from accounts at least this old (hours)
reporter_min_hours_hint = 0 to 8,760. Every report reaches the moderators; moderators’ and organisers’ reports always count.
reporter_min_contributions_label = …and with at least this many published proposals or comments
reporter_min_contributions_hint = 0 to 100. Accounts made only to report cannot push an item under review.

## pages/moderation.rs

voting_round = Voting round
account = Account
suspended_accounts = Suspended accounts
no_account_is_suspended = No account is suspended.
until = until
banned = Banned

## pages/open_data.rs

all_the_conventions_public_data = All the convention's public data, extracted when downloaded, under the{" "}
nothing_hidden_pending_or_personal = {"."} Nothing hidden, pending or personal (address, e-mail, link between a voter and a ballot) is in them.

## pages/proposal.rs

put_to_the_vote = Put to the vote
record_adopted = Record: adopted
record_rejected = Record: rejected
merge_into_another_proposal = Merge into another proposal
number_of_the_proposal_it = Number of the proposal it goes into (same topic)
merge = Merge
co_authors = Co-authors
invitations_waiting = Invitations waiting:
invite_a_co_author = Invite a co-author
username_of_the_person_invited = Username of the person invited
invite = Invite
you_are_invited_to_co = You are invited to co-author this proposal.
accept = Accept
decline = Decline
merged_into_proposal = Merged into proposal

## pages/report.rs

recommendations_report = Recommendations report
preview_the_report = Preview the report
download = Download:
contents = Contents
introduction_markdown = Introduction (Markdown)
placed_before_the_recommendations_may = Placed before the recommendations; may stay empty.
closed_rounds_to_include = Closed rounds to include
topics_to_include = Topics to include
pinned_arguments = Pinned arguments
for_each_adopted_proposal_pinned = For each adopted proposal: pinned comments and the most upvoted of those that took a stance.
no_adopted_proposal_yet = No adopted proposal yet.
no_comment_took_a_stance = No comment took a stance.
side_for = for
side_against = against
in_the_report = In the report:
not_used = not used
argument_for = argument for
argument_against = argument against
apply = Apply
nuances_and_dissent = Nuances and dissent
delete_this_note = Delete this note
dissent_note_markdown = Dissent note (Markdown)
a_minority_position_to_keep = A minority position to keep in the report.
add_the_note = Add the note
notes_attach_to_proposals_of = Notes attach to proposals of a closed round.

## pages/rounds/ballot.rs

your_ballot_is_recorded = Your ballot is recorded.{" "}
your_receipt = Your receipt:{" "}
write_it_down_after_the = Write it down: after the close it lets you find your ballot in the published list, without anyone else knowing it is yours.
to_vote = {" "}to vote.
this_round_is_for_another = This round is for another electorate.
voting_has_not_opened_yet = Voting has not opened yet.
see_the_results = See the results
close_the_round_now = Close the round now
seal_destroy_the_voter_ballot = Seal: destroy the voter–ballot link
organisation = Organisation
sealed_round_no_link_left = Sealed round: no link left between voters and ballots.
you_voted = You voted.
voting_rounds = Voting rounds
method = Method
who_votes = Who votes
opens = Opens
closes = Closes
adoption = Adoption
number_the_proposals_in_your = Number the proposals in your order of preference (1 = preferred). The same number for several proposals ties them; “not ranked” puts them together after all the others.
give_every_proposal_a_grade = Give every proposal a grade.
tick_every_proposal_you_approve = Tick every proposal you approve of.
share_your_points_between_the = Share your points between the proposals (whole numbers, 0 or more).
give_votes_for_positive_or = Give votes for (positive) or against (negative): each proposal costs the square of its votes.
for_each_measure_for_against = For each measure: for, against or abstain.
not_ranked = not ranked
for_2 = For
against_2 = Against
abstain = Abstain
budget = Budget:{" "}
left = {" "}— left:{" "}
change_my_ballot = Change my ballot
vote = Vote
your_ballot = Your ballot
your_ballot_is_secret_it = Your ballot is secret: it is stored without your name. You can change it until the close.

## pages/rounds/mod.rs

borda_points_by_rank = Borda (points by rank)
schulze_condorcet = Schulze (Condorcet)
majority_judgment = Majority judgment
approval_voting = Approval voting
cumulative_voting_points_to_share = Cumulative voting (points to share)
quadratic_voting = Quadratic voting
vote_by_measure_for_against = Vote by measure (for, against, abstain)
drawn_members = Drawn members
every_registered_citizen = Every registered citizen
members_and_public_results_side = Members and public, results side by side
public = Public
upcoming = Upcoming
open = Open
closed = Closed
consultative_no_proposal_is_adopted = Consultative: no proposal is adopted by the round itself.
new_round = New round
no_voting_round_yet = No voting round yet.
proposals = proposals
from_2 = From{" "}
to = {" "}to{" "}

## pages/rounds/results.rs

results = Results:{" "}
official_result = {" "}(official result)
advisory = {" "}(advisory)
ranking = Ranking
borda_points = Borda points
proposals_defeated = Proposals defeated
majority_grade = Majority grade
approvals = Approvals
points = Points
votes_2 = Votes
share_of_for = Share of “for”
adopted = Adopted
head_to_head_ballots_ranking = Head to head: ballots ranking the row's proposal above the column's
voters = {" "}voters ·{" "}
ballots_counted = {" "}ballots counted
rejected = rejected
chart_the_table_below_gives = Chart; the table below gives the same figures.
ranking_and_scores = Ranking and scores
rank = Rank
download_the_published_ballots_json = Download the published ballots (JSON, with receipts)
re_count_it_yourself = Re-count it yourself
the_ballots_file_is_a = The ballots file is a “convention tally” document:{" "}
gives_exactly = {" "}gives exactly:

## pages/rounds/settings.rs

none_consultative = None (consultative)
the_first_k_places = The first k places
majority_grade_at_least_majority = Majority grade at least… (majority judgment)
each_measures_threshold_vote_by = Each measure's threshold (vote by measure)
grade_scale_majority_judgment_one = Grade scale (majority judgment), one per line, best first
budget_cumulative_points_quadratic_sum = Budget (cumulative: points; quadratic: sum of squares)
adoption_threshold_vote_by_measure = Adoption threshold (vote by measure), p/q
strictly_above_the_threshold = Strictly above the threshold
adoption_rule = Adoption rule
k_for_the_first_k = k (for “the first k places”)
lowest_grade_for_the_grade = Lowest grade (for the grade rule)
opening_paris_time = Opening (Paris time)
close_paris_time = Close (Paris time)
proposals_put_to_the_vote = Proposals put to the vote
published_or_already_under_vote = Published or already under vote; 2 to 100. They appear on the ballot in number order.
create_the_round = Create the round
edit_the_round = Edit the round

## pages/topic.rs

about_this_topic = About this topic
this_topic_is_archived_it = This topic is archived: it stays readable but takes no more contributions.
new_contributions_to_this_topic = New contributions to this topic are reviewed by the moderators before they are published.
manage_topics = Manage topics

## Language, roles, statuses, stances, report reasons (app/src/i18n/names.rs)

language_name = English
role_citizen = Citizen
role_member = Drawn member
role_moderator = Moderator
role_organiser = Organiser
status_draft = Draft
status_published = Published
status_under_vote = Under vote
status_adopted = Adopted
status_rejected = Rejected
status_withdrawn = Withdrawn
status_merged = Merged
stance_for = For
stance_against = Against
stance_neutral = Neutral
reason_spam = Spam
reason_abuse = Abusive or hateful words
reason_off_topic = Off topic
reason_misleading = Misleading or false information
reason_personal_data = Personal data
reason_other = Other

## Counts (plurals follow CLDR: in English, only 1 takes the singular)

count_supports = { $n } { $n ->
    [one] support
   *[other] supports
}
count_comments = { $n } { $n ->
    [one] comment
   *[other] comments
}
count_upvotes = { $n } { $n ->
    [one] person agrees
   *[other] people agree
}
count_results = { $n } { $n ->
    [one] result
   *[other] results
}
characters_typed = { $n } { $n ->
    [one] character typed
   *[other] characters typed
}
suspension_days = { $n } { $n ->
    [one] day
   *[other] days
}
version_n = Version { $n }

## Moderation log actions

log_approve = Approved
log_hide = Hidden
log_restore = Restored
log_auto_hide = Hidden pending review
log_under_review = Put under review, still shown
log_appeal = Author’s appeal
log_close_topic = Topic closed to proposals
log_contest = Labelled “contested”
log_uncontest = “Contested” label removed
log_suspend = Account suspended
log_ban = Account banned
log_role = Role changed
log_reinstate = Account reinstated
log_create_topic = Topic created
log_edit_topic = Topic edited
log_pin_topic = Topic pinned
log_unpin_topic = Topic unpinned
log_archive_topic = Topic archived
log_unarchive_topic = Topic unarchived
log_move_topic = Topic moved
log_premoderate_topic = Topic put under pre-moderation
log_postmoderate_topic = Topic put under post-moderation
log_settings = Moderation settings changed
log_status = Proposal status changed
log_open_topic = Topic reopened to proposals
log_round_create = Voting round created
log_round_edit = Voting round edited
log_round_close = Voting round closed
log_round_open = Voting round opened ahead of time
log_round_cancel = Voting round cancelled
log_round_delete = Cancelled voting round deleted
log_round_seal = Voter–ballot link destroyed
log_report_settings = Report contents changed
log_report_pin = Argument pinned to the report
log_report_unpin = Argument unpinned from the report
log_report_dissent = Dissent note written
log_report_dissent_delete = Dissent note deleted
log_account_delete = Account deleted by its owner
log_account_purge = Inactive account deleted

## Rounds: adoption rules (app/src/pages/rounds/mod.rs)

rule_top = The first { $k } places are adopted (a tie for the last place adopts every tied proposal).
rule_grade = Adopted with a majority grade of “{ $grade }” or better.
rule_measure_strict = Each measure is adopted with more than { $p }/{ $q } of “for” among for and against votes.
rule_measure = Each measure is adopted with at least { $p }/{ $q } of “for” among for and against votes.

## Errors (app/src/i18n/errors.rs)

error_unauthenticated = Please log in to continue.
error_forbidden = Your role does not allow this action.
error_suspended = This account is suspended.
error_not_found = Not found.
error_bad_credentials = Wrong username or password.
error_wrong_current_password = The current password is wrong.
error_username_taken = This username is already taken.
error_username_lookalike = This username looks too much like another account’s (letters that pass for others, like “rn” and “m”): choose another one.
error_own_account = You cannot change your own role or suspend yourself.
error_last_organiser = You are the last organiser: give the role to someone else before deleting your account.
error_bad_request = The request is incomplete or malformed.
error_network = The server cannot be reached. Check your connection and try again.
error_internal = An internal error occurred. Reference: { $reference }
error_stale = Someone changed this item meanwhile. Reload the page to start from the latest version.
error_closed = This proposal no longer takes comments or votes.
error_topic_closed = This topic takes no new proposals; its discussion stays open.
error_too_large = This form is too large: shorten what you wrote and send it again.
error_cross_origin = Request refused: it comes from another site.
error_api_proposal_param = Invalid `proposal`: an id, a positive whole number.
error_api_page_numbers = Invalid parameters: `after` and `limit` are whole numbers.
error_api_page_range = Invalid parameters: `after` is not negative, `limit` is 1 to 200.
error_api_topic_param = Invalid `topic`: a topic's slug (lower-case letters, digits, hyphens).
error_rate_limited = Too many attempts in a short time: try again in { $minutes ->
    [1] a minute
   *[other] { $minutes } minutes
}.
error_report_introduction = The introduction has at most { $max } characters, without control characters.
error_report_dissent = A dissent note has 1 to { $max } characters, without control characters.
error_report_side = Choose “for”, “against” or “remove”.
error_username_length = The username must be { $min } to { $max } characters long (it has { $actual }).
error_username_characters = The username may only contain letters, digits, “.”, “_” and “-”.
error_username_scripts = The username may not mix alphabets (Latin and Cyrillic letters, for instance): it could pass for someone else’s.
error_display_name_length = The display name must be 1 to { $max } characters long (it has { $actual }).
error_display_name_characters = The display name contains forbidden control characters.
error_password_length = The password must be { $min } to { $max } characters long (it has { $actual }).
error_password_nul = The password contains a forbidden NUL character.
field_the_title = The title
field_the_summary = The summary
field_the_text = The text
error_proposal_not_allowed = Only the proposal's authors (or organisers, depending on the action) can do this.
error_proposal_wrong_status = This action is no longer possible at this stage of the proposal.
error_field_required = { $field } is required ({ $max } characters at most).
error_field_length = { $field } has { $actual } characters; { $max } at most.
error_field_characters = { $field } contains forbidden control characters.
error_field_nesting = { $field } nests quotes and lists more than { $max } levels deep: flatten it.
error_comment_empty = The comment is empty ({ $max } characters at most).
error_comment_length = The comment has { $actual } characters; { $max } at most.
error_comment_characters = The comment contains forbidden control characters.
error_comment_nesting = The comment nests quotes and lists more than { $max } levels deep: flatten it.
error_comment_stance = Unknown stance: choose for, against or neutral.
error_comment_stance_without_proposal = A stance can only be taken on a proposal.
error_comment_edit_window = A comment can only be edited within 15 minutes of posting.
error_round_title = The round's title must have 1 to { $max } characters, without control characters.
error_round_method = Choose one of the seven voting methods.
error_round_grades = The grade scale has 2 to { $max } different grades, one per line, best first, { $length } characters at most each.
error_round_budget = The budget is a whole number from 1 to 1,000,000,000.
error_round_threshold = The threshold is written p/q (for example 1/2 or 2/3), with p ≤ q.
error_round_electorate = Choose who votes: the members, the citizens, or both.
error_round_candidates = Choose 2 to { $max } published proposals.
error_round_times = Give the opening and the close (Paris date and time); the close comes after the opening and in the future.
error_round_rule = This adoption rule does not fit: “top k” needs k below the number of proposals, “grade” a majority judgment and a grade of the scale, “threshold” a vote by measure.
error_round_frozen = The round has opened: its method, proposals, electorate and rule can no longer change.
error_round_not_open = The round has not opened yet.
error_round_closed = The round has closed: no more ballots are accepted.
error_round_has_ballots = Someone has already voted in this round: it can no longer be cancelled. Close it instead.
error_round_not_cancelled = Only a cancelled round can be deleted.
error_round_cancelled = This round was cancelled: it takes no ballot and has no result.
error_round_not_closed = The results are published when the round closes.
error_round_not_eligible = This round is for another electorate.
error_round_locked = Your ballot can no longer be changed (the server's ballot key changed); it stays counted as you cast it.
error_ballot_incomplete = Give every proposal a grade.
error_ballot_field = A choice on the ballot matches none of the options offered.
error_ballot_amount = Points are whole numbers, never negative (quadratic votes may be).
error_ballot_over_budget = Your ballot spends { $spent } out of a budget of { $budget }: take some off.
error_topic_slug = The topic address has 2 to 60 lower-case unaccented letters, digits and single hyphens.
error_topic_slug_taken = Another topic already uses this address.
field_the_address = The address
field_the_description = The description
field_the_question = The question
error_topic_field = { $field } must have { $min } to { $max } characters, without control characters.
error_moderation_wrong_state = This item changed state meanwhile: reload the page.
error_moderation_reason = Give the reason for hiding ({ $max } characters at most): it is shown publicly.
error_already_appealed = You already appealed this decision.
error_unknown_reason = Choose a reason for the report from the list.
error_note_required = Describe the report in a few words ({ $max } characters at most).
error_already_reported = You already reported this content.
error_contest_note = Explain what is contested ({ $max } characters at most).
error_contest_sources = Cite 1 to { $max } sources, one http or https address per line.
error_suspension_length = A suspension lasts 1 to { $max_days } days, or is permanent.
error_moderation_settings = The report threshold is 1 to { $max_threshold }; account ages 0 to { $max_hours } hours; contributions 0 to { $max_contributions }. Whole numbers only.

## Open data (app/src/pages/open_data.rs)

dataset_topics = The debate's topics, their question and their description.
dataset_proposals = The published proposals, their status, their supports and their voting results.
dataset_comments = The published comments and their stance, signed with their author's display name if they agreed to it (“participant·e” otherwise).
dataset_rounds = Every closed round: method, turnout and the ranking of every proposal, per count.
dataset_ballots = The ballots of closed rounds, with nothing linking them to voters, with their receipt.
dataset_topics_title = Topics
dataset_proposals_title = Proposals
dataset_comments_title = Comments
dataset_rounds_title = Rounds and results
dataset_ballots_title = Anonymised ballots
report_publication = Publication
report_published_since = Published: anyone may download the report (PDF, ODT, Markdown) from the public page, since
report_not_published = Not published yet: the public page shows the report as it stands, without its files to download.
report_publish = Publish the report
report_unpublish = Withdraw the publication
log_report_publish = Report published
log_report_unpublish = Report publication withdrawn
ranks_borda = Each ballot ranks the proposals; a proposal earns one point for each proposal ranked below it, and the total makes the rank.
ranks_schulze = A proposal beats another if the strongest chain of won duels leads from it to the other rather than back; those no proposal beats share first place, and so on. At the same rank, the number of proposals beaten may differ.
ranks_majority_judgment = Each proposal gets the grade at least half of the voters give it (its majority grade); between equal grades, the next grades on either side of the median decide.
ranks_approval = Each voter approves as many proposals as they wish; the number of approvals makes the rank.
ranks_cumulative = Each voter shares a budget of points between the proposals; the points received make the rank.
ranks_quadratic = Each voter gives votes for or against, n votes on one proposal costing n² credits of their budget; the total of votes makes the rank.
ranks_measure = Each proposal is voted on its own (for, against, abstain); the share of “for” among for and against makes the rank.
tied = (tied)
withdraw_warning = Withdrawn, the proposal leaves the debate and its votes for good: it cannot be put back.
withdraw_confirm = Yes, withdraw it
close_warning = Voting stops at once for everyone, before the planned end: the round cannot be reopened.
close_confirm = Yes, close the round now
seal_warning = Sealing erases for good which account cast which ballot: nobody, organisers included, can ever link them again. The ballots and receipts stay, and the result can still be recounted.
seal_confirm = Yes, seal the round
suspend_warning = The person is signed out at once and can no longer sign in, until an organiser reinstates them.
suspend_confirm = Yes, suspend
open_the_round_now = Open the round now
open_now_warning = Voting starts at once, instead of at the planned time: from then on the settings and the proposals can no longer change.
open_now_confirm = Yes, open it now
cancel_the_round = Cancel the round
cancel_warning = Nobody has voted yet. Cancelled, the round takes no ballot, is never counted and disappears from public view; only organisers still see it, to delete it.
cancel_confirm = Yes, cancel the round
delete_the_round = Delete the round
delete_round_warning = The cancelled round is deleted for good; the moderation log keeps its title.
delete_round_confirm = Yes, delete it
round_cancelled = Cancelled
round_cancelled_notice = This round was cancelled: it takes no ballot and only organisers see it.
round_deleted_notice = The round was deleted.

## A suspended person signing in, and their appeal
error_suspended_until = This account is suspended until { $until }.
error_banned = This account is banned: it can no longer take part unless the moderators lift the decision.
suspension_reason = Reason given by the moderators:
suspension_already_appealed = You have already appealed this decision: the moderators are looking at your request.
suspension_appeal_title = Appeal this decision
suspension_appeal_intro = If you think this is a mistake, explain it to the moderators: they will read your request and can lift the suspension. Confirm your username and password; one request per decision.
suspension_appeal_field = Your request
suspension_appeal_submit = Send my appeal
suspension_appeal_sent = Your appeal was sent to the moderators.
log_suspension_appeal = Suspension appealed

## A person's moderation page
moderate_person = Moderation record
person_role = Role
person_since = Account created on
person_state = Status
person_active = Takes part normally
person_history = Moderation history
person_history_empty = The moderation log does not mention this person or anything they wrote yet.
person_suspend = Suspend or ban this person
person_no_action = Only an organiser can suspend a member of the team.
suspend_form_warning = The person is signed out at once and cannot take part for the chosen length; on signing in, they see the reason and can appeal.
suspension_appealed_badge = Appealed: see the record
delete_comment_warning = The comment is deleted for good; if it has replies, they stay, under “Comment deleted by its author”.
delete_comment_confirm = Yes, delete it
delete_note_warning = The note leaves the report; the moderation log keeps a record of its deletion.
delete_note_confirm = Yes, delete it
