//! What each logged action means, in the words "Min log" shows the citizen.
use super::lang::Lang;

/// The plain words for a logged action; an action without words shows its code, so nothing
/// logged is ever hidden.
pub fn action_label(action: &str, lang: Lang) -> String {
    let (da, en) = match action {
        "sign_in" => ("Loggede ind", "Signed in"),
        "sign_out" => ("Loggede ud", "Signed out"),
        "sign_out_everywhere" => ("Loggede ud på alle enheder", "Signed out on all devices"),
        "view_overview" => (
            "Så oversigten over træning og tider",
            "Viewed the overview of training and sessions",
        ),
        "view_powers" => ("Så fuldmagterne", "Viewed the powers of attorney"),
        "view_log" => ("Så denne log", "Viewed this log"),
        "export_data" => (
            "Hentede alle data som en fil",
            "Downloaded all data as a file",
        ),
        "act_for" => ("Begyndte at handle for dig", "Started acting for you"),
        "act_for_refused" => (
            "Forsøgte at handle for dig uden gyldig fuldmagt",
            "Tried to act for you without a valid power of attorney",
        ),
        "power_invite" => (
            "Inviterede en pårørende til at få fuldmagt",
            "Invited a relative to hold power of attorney",
        ),
        "power_accept" => ("Tog imod en fuldmagt", "Accepted a power of attorney"),
        "power_revoke" => ("Afsluttede en fuldmagt", "Ended a power of attorney"),
        "power_register" => (
            "Registrerede en fuldmagt eller et værgemål",
            "Registered a power of attorney or guardianship",
        ),
        "view_power" => (
            "Så en registreret fuldmagt",
            "Viewed a registered power of attorney",
        ),
        "view_application" => ("Så ansøgningen", "Viewed the application"),
        "save_application" => ("Gemte ansøgningen", "Saved the application"),
        "submit_application" => ("Sendte ansøgningen", "Sent the application"),
        "application_consent" => (
            "Gav samtykke og sendte ansøgningen",
            "Consented and sent the application",
        ),
        "view_inbox" => (
            "Så kommunens liste over ansøgninger",
            "Viewed the municipality's list of applications",
        ),
        "view_case" => ("Sagsbehandler så sagen", "A caseworker viewed the case"),
        "record_step" => (
            "Sagsbehandler noterede et skridt i sagen",
            "A caseworker recorded a step in the case",
        ),
        "decide" => (
            "Kommunen traf en afgørelse",
            "The municipality made a decision",
        ),
        "view_decision" => ("Så en afgørelse", "Viewed a decision"),
        "first_read_decision" => (
            "Læste afgørelsen første gang",
            "Read the decision for the first time",
        ),
        "view_complaint_form" => ("Åbnede klageskemaet", "Opened the complaint form"),
        "complain" => ("Sendte en klage", "Sent a complaint"),
        "view_complaint" => ("Så en klage", "Viewed a complaint"),
        "view_complaints" => ("Så listen over klager", "Viewed the list of complaints"),
        "answer_complaint" => (
            "Svarede, om klagen fastholdes",
            "Answered whether the complaint is maintained",
        ),
        "view_complaint_inbox" => (
            "Så kommunens liste over klager",
            "Viewed the municipality's list of complaints",
        ),
        "settle_complaint" => (
            "Kommunen genvurderede afgørelsen efter en klage",
            "The municipality re-assessed the decision after a complaint",
        ),
        "forward_complaint" => (
            "Kommunen sendte klagen til Ankestyrelsen",
            "The municipality sent the complaint to Ankestyrelsen",
        ),
        "answer_service_complaint" => (
            "Kommunen svarede på en klage over træningen",
            "The municipality answered a complaint about the training",
        ),
        "view_consents" => ("Så samtykkerne", "Viewed the consents"),
        "view_training" => ("Så træningstiderne", "Viewed the training sessions"),
        "book_session" => ("Bookede en tid", "Booked a session"),
        "cancel_session" => ("Afmeldte en tid", "Cancelled a session"),
        "calendar_feed_new" => ("Lavede en kalenderadresse", "Made a calendar address"),
        "calendar_feed_stop" => ("Stoppede kalenderadressen", "Stopped the calendar address"),
        "move_session" => ("Flyttede en tid", "Moved a session"),
        "register_absence" => ("Meldte fravær", "Registered an absence"),
        "answer_move" => (
            "Svarede på forslag om ny tid",
            "Answered a proposed new time",
        ),
        "cancel_team_session" => (
            "Kommunen aflyste en holdtræning",
            "The municipality cancelled a team session",
        ),
        "propose_move" => (
            "Kommunen foreslog en ny tid",
            "The municipality proposed a new time",
        ),
        "view_staff_overview" => ("Så personalets forside", "Viewed the staff start page"),
        "create_series" => (
            "Kommunen oprettede et hold",
            "The municipality created a team",
        ),
        "mark_attendance" => (
            "Terapeuten registrerede fremmøde",
            "The therapist recorded attendance",
        ),
        "view_team_session" => ("Så en holdtræning", "Viewed a team session"),
        "resolve_review_flag" => (
            "Kommunen vurderede forløbet",
            "The municipality reviewed the course",
        ),
        "give_consent" => ("Gav et samtykke", "Gave a consent"),
        "withdraw_consent" => ("Trak et samtykke tilbage", "Withdrew a consent"),
        other => return other.to_string(),
    };
    lang.pick(da, en).to_string()
}

/// Whether the logged attempt went through.
pub fn outcome_label(outcome: &str, lang: Lang) -> &'static str {
    match outcome {
        "refused" => lang.pick("Afvist", "Refused"),
        _ => lang.pick("Gennemført", "Done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_the_portal_logs_has_words_and_unknown_ones_still_show() {
        for action in [
            "sign_in",
            "sign_out",
            "sign_out_everywhere",
            "view_overview",
            "view_powers",
            "view_log",
            "export_data",
            "act_for",
            "act_for_refused",
            "power_invite",
            "power_accept",
            "power_revoke",
            "power_register",
            "view_power",
            "view_application",
            "save_application",
            "submit_application",
            "application_consent",
            "view_inbox",
            "view_case",
            "record_step",
            "decide",
            "view_decision",
            "first_read_decision",
            "view_consents",
            "give_consent",
            "withdraw_consent",
            "view_training",
            "book_session",
            "cancel_session",
            "mark_attendance",
            "resolve_review_flag",
            "calendar_feed_new",
            "calendar_feed_stop",
            "move_session",
            "register_absence",
            "answer_move",
            "cancel_team_session",
            "propose_move",
            "create_series",
            "view_complaint_form",
            "complain",
            "view_complaint",
            "view_complaints",
            "answer_complaint",
            "view_complaint_inbox",
            "settle_complaint",
            "forward_complaint",
            "answer_service_complaint",
        ] {
            assert_ne!(action_label(action, Lang::Da), action);
            assert_ne!(action_label(action, Lang::En), action);
        }
        assert_eq!(action_label("something_new", Lang::Da), "something_new");
        assert_eq!(outcome_label("refused", Lang::Da), "Afvist");
    }
}
