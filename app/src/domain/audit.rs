//! What the audit log records: each action the portal logs, its code in the log, and the words
//! "Min log" shows the citizen for it. The compiler checks that every action logged has words.
use super::lang::Lang;

/// An action the portal logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    SignIn,
    SignOut,
    SignOutEverywhere,
    ViewOverview,
    ViewPowers,
    ViewLog,
    ExportData,
    ActFor,
    ActForRefused,
    PowerInvite,
    PowerAccept,
    PowerRevoke,
    PowerRegister,
    PowerConfirm,
    PowerApprove,
    ViewPower,
    ViewApplication,
    SaveApplication,
    SubmitApplication,
    ApplicationConsent,
    ViewInbox,
    ViewCase,
    RecordStep,
    Decide,
    ViewDecision,
    FirstReadDecision,
    ViewComplaintForm,
    Complain,
    ViewComplaint,
    ViewComplaints,
    AnswerComplaint,
    ViewComplaintInbox,
    SettleComplaint,
    ForwardComplaint,
    AnswerServiceComplaint,
    ViewConsents,
    ViewTraining,
    BookSession,
    CancelSession,
    JoinWaitingList,
    LeaveWaitingList,
    ViewContact,
    SetContact,
    ViewMessages,
    SendMessage,
    ViewMessageInbox,
    ViewMessageThread,
    AnswerMessage,
    CalendarFeedNew,
    CalendarFeedStop,
    CalendarFeedRead,
    DownloadCalendar,
    MoveSession,
    RegisterAbsence,
    AnswerMove,
    CancelTeamSession,
    ProposeMove,
    ChangeCapacity,
    ViewStaffOverview,
    ViewReviewFlag,
    CreateSeries,
    PlanSeries,
    MarkAttendance,
    ViewTeamSession,
    ResolveReviewFlag,
    GiveConsent,
    WithdrawConsent,
    ViewCourses,
    ViewHearingForm,
    StartHearing,
    ViewHearings,
    ViewHearing,
    AnswerHearing,
    RecordHearingAnswer,
    DecideHearing,
    ViewIntake,
    RegisterApplication,
    RegisterComplaint,
    ViewSettings,
    SetClosureWeeks,
    SetMessage,
    ViewReport,
    DownloadReport,
    ViewTasks,
    TakeTask,
    ReassignTask,
    CloseTask,
    SetPhoneHours,
}

impl Action {
    /// Every action, for lists and tests.
    pub const ALL: [Action; 88] = [
        Action::SignIn,
        Action::SignOut,
        Action::SignOutEverywhere,
        Action::ViewOverview,
        Action::ViewPowers,
        Action::ViewLog,
        Action::ExportData,
        Action::ActFor,
        Action::ActForRefused,
        Action::PowerInvite,
        Action::PowerAccept,
        Action::PowerRevoke,
        Action::PowerRegister,
        Action::PowerConfirm,
        Action::PowerApprove,
        Action::ViewPower,
        Action::ViewApplication,
        Action::SaveApplication,
        Action::SubmitApplication,
        Action::ApplicationConsent,
        Action::ViewInbox,
        Action::ViewCase,
        Action::RecordStep,
        Action::Decide,
        Action::ViewDecision,
        Action::FirstReadDecision,
        Action::ViewComplaintForm,
        Action::Complain,
        Action::ViewComplaint,
        Action::ViewComplaints,
        Action::AnswerComplaint,
        Action::ViewComplaintInbox,
        Action::SettleComplaint,
        Action::ForwardComplaint,
        Action::AnswerServiceComplaint,
        Action::ViewConsents,
        Action::ViewTraining,
        Action::BookSession,
        Action::CancelSession,
        Action::JoinWaitingList,
        Action::LeaveWaitingList,
        Action::ViewContact,
        Action::SetContact,
        Action::ViewMessages,
        Action::SendMessage,
        Action::ViewMessageInbox,
        Action::ViewMessageThread,
        Action::AnswerMessage,
        Action::CalendarFeedNew,
        Action::CalendarFeedStop,
        Action::CalendarFeedRead,
        Action::DownloadCalendar,
        Action::MoveSession,
        Action::RegisterAbsence,
        Action::AnswerMove,
        Action::CancelTeamSession,
        Action::ProposeMove,
        Action::ChangeCapacity,
        Action::ViewStaffOverview,
        Action::ViewReviewFlag,
        Action::CreateSeries,
        Action::PlanSeries,
        Action::MarkAttendance,
        Action::ViewTeamSession,
        Action::ResolveReviewFlag,
        Action::GiveConsent,
        Action::WithdrawConsent,
        Action::ViewCourses,
        Action::ViewHearingForm,
        Action::StartHearing,
        Action::ViewHearings,
        Action::ViewHearing,
        Action::AnswerHearing,
        Action::RecordHearingAnswer,
        Action::DecideHearing,
        Action::ViewIntake,
        Action::RegisterApplication,
        Action::RegisterComplaint,
        Action::ViewSettings,
        Action::SetClosureWeeks,
        Action::SetMessage,
        Action::ViewReport,
        Action::DownloadReport,
        Action::ViewTasks,
        Action::TakeTask,
        Action::ReassignTask,
        Action::CloseTask,
        Action::SetPhoneHours,
    ];

    /// The code stored in the log.
    pub fn code(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignOut => "sign_out",
            Action::SignOutEverywhere => "sign_out_everywhere",
            Action::ViewOverview => "view_overview",
            Action::ViewPowers => "view_powers",
            Action::ViewLog => "view_log",
            Action::ExportData => "export_data",
            Action::ActFor => "act_for",
            Action::ActForRefused => "act_for_refused",
            Action::PowerInvite => "power_invite",
            Action::PowerAccept => "power_accept",
            Action::PowerRevoke => "power_revoke",
            Action::PowerRegister => "power_register",
            Action::PowerConfirm => "power_confirm",
            Action::PowerApprove => "power_approve",
            Action::ViewPower => "view_power",
            Action::ViewApplication => "view_application",
            Action::SaveApplication => "save_application",
            Action::SubmitApplication => "submit_application",
            Action::ApplicationConsent => "application_consent",
            Action::ViewInbox => "view_inbox",
            Action::ViewCase => "view_case",
            Action::RecordStep => "record_step",
            Action::Decide => "decide",
            Action::ViewDecision => "view_decision",
            Action::FirstReadDecision => "first_read_decision",
            Action::ViewComplaintForm => "view_complaint_form",
            Action::Complain => "complain",
            Action::ViewComplaint => "view_complaint",
            Action::ViewComplaints => "view_complaints",
            Action::AnswerComplaint => "answer_complaint",
            Action::ViewComplaintInbox => "view_complaint_inbox",
            Action::SettleComplaint => "settle_complaint",
            Action::ForwardComplaint => "forward_complaint",
            Action::AnswerServiceComplaint => "answer_service_complaint",
            Action::ViewConsents => "view_consents",
            Action::ViewTraining => "view_training",
            Action::BookSession => "book_session",
            Action::CancelSession => "cancel_session",
            Action::JoinWaitingList => "join_waiting_list",
            Action::LeaveWaitingList => "leave_waiting_list",
            Action::ViewContact => "view_contact",
            Action::SetContact => "set_contact",
            Action::ViewMessages => "view_messages",
            Action::SendMessage => "send_message",
            Action::ViewMessageInbox => "view_message_inbox",
            Action::ViewMessageThread => "view_message_thread",
            Action::AnswerMessage => "answer_message",
            Action::CalendarFeedNew => "calendar_feed_new",
            Action::CalendarFeedStop => "calendar_feed_stop",
            Action::CalendarFeedRead => "calendar_feed_read",
            Action::DownloadCalendar => "download_calendar",
            Action::MoveSession => "move_session",
            Action::RegisterAbsence => "register_absence",
            Action::AnswerMove => "answer_move",
            Action::CancelTeamSession => "cancel_team_session",
            Action::ProposeMove => "propose_move",
            Action::ChangeCapacity => "change_capacity",
            Action::ViewStaffOverview => "view_staff_overview",
            Action::ViewReviewFlag => "view_review_flag",
            Action::CreateSeries => "create_series",
            Action::PlanSeries => "plan_series",
            Action::MarkAttendance => "mark_attendance",
            Action::ViewTeamSession => "view_team_session",
            Action::ResolveReviewFlag => "resolve_review_flag",
            Action::GiveConsent => "give_consent",
            Action::WithdrawConsent => "withdraw_consent",
            Action::ViewCourses => "view_courses",
            Action::ViewHearingForm => "view_hearing_form",
            Action::StartHearing => "start_hearing",
            Action::ViewHearings => "view_hearings",
            Action::ViewHearing => "view_hearing",
            Action::AnswerHearing => "answer_hearing",
            Action::RecordHearingAnswer => "record_hearing_answer",
            Action::DecideHearing => "decide_hearing",
            Action::ViewIntake => "view_intake",
            Action::RegisterApplication => "register_application",
            Action::RegisterComplaint => "register_complaint",
            Action::ViewSettings => "view_settings",
            Action::SetClosureWeeks => "set_closure_weeks",
            Action::SetMessage => "set_message",
            Action::ViewReport => "view_report",
            Action::DownloadReport => "download_report",
            Action::ViewTasks => "view_tasks",
            Action::TakeTask => "take_task",
            Action::ReassignTask => "reassign_task",
            Action::CloseTask => "close_task",
            Action::SetPhoneHours => "set_phone_hours",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The plain words for the action, as "Min log" shows them.
    pub fn label(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Action::SignIn => ("Loggede ind", "Signed in"),
            Action::SignOut => ("Loggede ud", "Signed out"),
            Action::SignOutEverywhere => {
                ("Loggede ud på alle enheder", "Signed out on all devices")
            }
            Action::ViewOverview => (
                "Så oversigten over træning og tider",
                "Viewed the overview of training and sessions",
            ),
            Action::ViewPowers => ("Så fuldmagterne", "Viewed the powers of attorney"),
            Action::ViewLog => ("Så denne log", "Viewed this log"),
            Action::ExportData => (
                "Hentede alle data som en fil",
                "Downloaded all data as a file",
            ),
            Action::ActFor => ("Begyndte at handle for dig", "Started acting for you"),
            Action::ActForRefused => (
                "Forsøgte at handle for dig uden gyldig fuldmagt",
                "Tried to act for you without a valid power of attorney",
            ),
            Action::PowerInvite => (
                "Inviterede en pårørende til at få fuldmagt",
                "Invited a relative to hold power of attorney",
            ),
            Action::PowerAccept => ("Tog imod en fuldmagt", "Accepted a power of attorney"),
            Action::PowerRevoke => ("Afsluttede en fuldmagt", "Ended a power of attorney"),
            Action::PowerRegister => (
                "Registrerede en fuldmagt eller et værgemål",
                "Registered a power of attorney or guardianship",
            ),
            Action::PowerConfirm => (
                "Bekræftede, hvem fuldmagten er til",
                "Confirmed whom the power of attorney is for",
            ),
            Action::PowerApprove => (
                "Godkendte en fuldmagt eller et værgemål, en kollega havde registreret",
                "Approved a power of attorney or guardianship a colleague had registered",
            ),
            Action::ViewPower => (
                "Så en registreret fuldmagt",
                "Viewed a registered power of attorney",
            ),
            Action::ViewApplication => ("Så ansøgningen", "Viewed the application"),
            Action::SaveApplication => ("Gemte ansøgningen", "Saved the application"),
            Action::SubmitApplication => ("Sendte ansøgningen", "Sent the application"),
            Action::ApplicationConsent => (
                "Gav samtykke og sendte ansøgningen",
                "Consented and sent the application",
            ),
            Action::ViewInbox => (
                "Så kommunens liste over ansøgninger",
                "Viewed the municipality's list of applications",
            ),
            Action::ViewCase => ("Sagsbehandler så sagen", "A caseworker viewed the case"),
            Action::RecordStep => (
                "Sagsbehandler noterede et skridt i sagen",
                "A caseworker recorded a step in the case",
            ),
            Action::Decide => (
                "Kommunen traf en afgørelse",
                "The municipality made a decision",
            ),
            Action::ViewDecision => ("Så en afgørelse", "Viewed a decision"),
            Action::FirstReadDecision => (
                "Læste afgørelsen første gang",
                "Read the decision for the first time",
            ),
            Action::ViewComplaintForm => ("Åbnede klageskemaet", "Opened the complaint form"),
            Action::Complain => ("Sendte en klage", "Sent a complaint"),
            Action::ViewComplaint => ("Så en klage", "Viewed a complaint"),
            Action::ViewComplaints => ("Så listen over klager", "Viewed the list of complaints"),
            Action::AnswerComplaint => (
                "Svarede, om klagen fastholdes",
                "Answered whether the complaint is maintained",
            ),
            Action::ViewComplaintInbox => (
                "Så kommunens liste over klager",
                "Viewed the municipality's list of complaints",
            ),
            Action::SettleComplaint => (
                "Kommunen genvurderede afgørelsen efter en klage",
                "The municipality re-assessed the decision after a complaint",
            ),
            Action::ForwardComplaint => (
                "Kommunen sendte klagen til Ankestyrelsen",
                "The municipality sent the complaint to Ankestyrelsen",
            ),
            Action::AnswerServiceComplaint => (
                "Kommunen svarede på en klage over træningen",
                "The municipality answered a complaint about the training",
            ),
            Action::ViewConsents => ("Så samtykkerne", "Viewed the consents"),
            Action::ViewTraining => ("Så træningstiderne", "Viewed the training sessions"),
            Action::BookSession => ("Bookede en tid", "Booked a session"),
            Action::CancelSession => ("Afmeldte en tid", "Cancelled a session"),
            Action::JoinWaitingList => ("Skrev sig på venteliste", "Joined a waiting list"),
            Action::LeaveWaitingList => ("Forlod en venteliste", "Left a waiting list"),
            Action::ViewContact => ("Så, hvordan du får besked", "Saw how you are told"),
            Action::SetContact => ("Ændrede, hvordan du får besked", "Changed how you are told"),
            Action::ViewMessages => (
                "Så beskederne med kommunen",
                "Viewed the messages with the municipality",
            ),
            Action::SendMessage => ("Skrev til kommunen", "Wrote to the municipality"),
            Action::ViewMessageInbox => (
                "Kommunen så dig på listen over beskeder",
                "The municipality saw you in the list of messages",
            ),
            Action::ViewMessageThread => (
                "Kommunen læste beskederne",
                "The municipality read the messages",
            ),
            Action::AnswerMessage => (
                "Kommunen svarede på en besked",
                "The municipality answered a message",
            ),
            Action::CalendarFeedNew => ("Lavede en kalenderadresse", "Made a calendar address"),
            Action::CalendarFeedStop => {
                ("Stoppede kalenderadressen", "Stopped the calendar address")
            }
            Action::CalendarFeedRead => (
                "En kalender hentede dine tider via din kalenderadresse",
                "A calendar fetched your sessions through your calendar address",
            ),
            Action::DownloadCalendar => (
                "Hentede en tid som kalenderfil",
                "Downloaded a session as a calendar file",
            ),
            Action::MoveSession => ("Flyttede en tid", "Moved a session"),
            Action::RegisterAbsence => ("Meldte fravær", "Registered an absence"),
            Action::AnswerMove => (
                "Svarede på forslag om ny tid",
                "Answered a proposed new time",
            ),
            Action::CancelTeamSession => (
                "Kommunen aflyste en holdtræning",
                "The municipality cancelled a team session",
            ),
            Action::ProposeMove => (
                "Kommunen foreslog en ny tid",
                "The municipality proposed a new time",
            ),
            Action::ChangeCapacity => (
                "Kommunen ændrede antallet af pladser på et hold",
                "The municipality changed the number of places on a session",
            ),
            Action::ViewStaffOverview => ("Så personalets forside", "Viewed the staff start page"),
            Action::ViewReviewFlag => ("Så en markering på din sag", "Viewed a flag on your case"),
            Action::CreateSeries => (
                "Kommunen oprettede et hold",
                "The municipality created a team",
            ),
            Action::PlanSeries => (
                "Kommunen åbnede planlægningen af hold",
                "The municipality opened the planning of teams",
            ),
            Action::MarkAttendance => (
                "Terapeuten registrerede fremmøde",
                "The therapist recorded attendance",
            ),
            Action::ViewTeamSession => ("Så en holdtræning", "Viewed a team session"),
            Action::ResolveReviewFlag => (
                "Kommunen vurderede forløbet",
                "The municipality reviewed the course",
            ),
            Action::GiveConsent => ("Gav et samtykke", "Gave a consent"),
            Action::WithdrawConsent => ("Trak et samtykke tilbage", "Withdrew a consent"),
            Action::ViewCourses => (
                "Kommunen så holdets forløb",
                "The municipality viewed the courses",
            ),
            Action::ViewHearingForm => (
                "Kommunen forberedte en partshøring",
                "The municipality prepared a hearing",
            ),
            Action::StartHearing => (
                "Kommunen sendte et brev om partshøring",
                "The municipality sent a hearing letter",
            ),
            Action::ViewHearings => ("Så partshøringer", "Viewed hearings"),
            Action::ViewHearing => ("Så en partshøring", "Viewed a hearing"),
            Action::AnswerHearing => ("Svarede i en partshøring", "Answered in a hearing"),
            Action::RecordHearingAnswer => (
                "Kommunen noterede et svar givet i telefonen",
                "The municipality recorded an answer given by phone",
            ),
            Action::DecideHearing => (
                "Kommunen afgjorde partshøringen",
                "The municipality decided after the hearing",
            ),
            Action::ViewIntake => (
                "Kommunen fandt borgeren for at registrere en henvendelse",
                "The municipality looked up the citizen to register an enquiry",
            ),
            Action::RegisterApplication => (
                "Kommunen registrerede en ansøgning modtaget pr. telefon, brev eller henvisning",
                "The municipality registered an application received by phone, letter or referral",
            ),
            Action::RegisterComplaint => (
                "Kommunen registrerede en klage modtaget pr. telefon eller brev",
                "The municipality registered a complaint received by phone or letter",
            ),
            Action::ViewSettings => (
                "Kommunen så sine indstillinger",
                "The municipality viewed its settings",
            ),
            Action::SetClosureWeeks => (
                "Kommunen fastsatte lukkeuger",
                "The municipality set closure weeks",
            ),
            Action::SetMessage => (
                "Kommunen ændrede beskeden på sine sider",
                "The municipality changed the message on its pages",
            ),
            Action::ViewReport => (
                "Kommunen så sin servicemålsrapport",
                "The municipality viewed its service-level report",
            ),
            Action::DownloadReport => (
                "Kommunen hentede sin servicemålsrapport",
                "The municipality downloaded its service-level report",
            ),
            Action::ViewTasks => (
                "Kommunen så sin opgaveliste",
                "The municipality viewed its task list",
            ),
            Action::TakeTask => (
                "En medarbejder tog en opgave i din sag",
                "A staff member took a task in your case",
            ),
            Action::ReassignTask => (
                "En opgave i din sag blev givet til en anden medarbejder",
                "A task in your case was given to another staff member",
            ),
            Action::CloseTask => (
                "En opgave i din sag blev lukket",
                "A task in your case was closed",
            ),
            Action::SetPhoneHours => (
                "Kommunen ændrede telefontider midlertidigt",
                "The municipality changed phone hours for a time",
            ),
        };
        lang.pick(da, en)
    }
}

/// The words for an action as stored in the log; an action the portal no longer knows shows its
/// code, so nothing logged is ever hidden.
pub fn action_label(code: &str, lang: Lang) -> String {
    Action::from_code(code).map_or_else(|| code.to_string(), |a| a.label(lang).to_string())
}

/// Whether the logged attempt went through.
pub fn outcome_label(outcome: super::states::AuditOutcome, lang: Lang) -> &'static str {
    match outcome {
        super::states::AuditOutcome::Refused => lang.pick("Afvist", "Refused"),
        super::states::AuditOutcome::Ok => lang.pick("Gennemført", "Done"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_code_and_words_and_unknown_codes_still_show() {
        let mut codes = std::collections::HashSet::new();
        for action in Action::ALL {
            assert!(codes.insert(action.code()), "{action:?} shares its code");
            assert_eq!(Action::from_code(action.code()), Some(action));
            assert_ne!(action_label(action.code(), Lang::Da), action.code());
            assert_ne!(action_label(action.code(), Lang::En), action.code());
        }
        assert_eq!(action_label("something_new", Lang::Da), "something_new");
        assert_eq!(
            outcome_label(super::super::states::AuditOutcome::Refused, Lang::Da),
            "Afvist"
        );
    }
}
