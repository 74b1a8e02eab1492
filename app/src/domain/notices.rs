//! The words of the emails the portal sends about powers of attorney. Each says whom it is for
//! and why they receive it; none carries more personal data than the recipient needs. Danish
//! first, English after.
use super::lang::Lang;
use super::people::Scopes;
use super::time_format::{long_date, long_date_time};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub subject: String,
    pub body: String,
}

fn scopes_text(scopes: &Scopes, lang: Lang) -> String {
    scopes
        .labels(lang)
        .into_iter()
        .map(|s| format!("  - {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Who gave the power, in the words of the invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GivenBy {
    /// The citizen themself, in the portal.
    Citizen,
    /// Staff of the municipality, from a paper power of attorney or a guardianship.
    Municipality { name: String },
}

/// The invitation to a relative, with the link that lets them accept.
pub struct InvitationEmail<'a> {
    pub relative_name: &'a str,
    pub relative_email: &'a str,
    pub citizen_name: &'a str,
    pub given_by: GivenBy,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
    pub link: &'a str,
    pub link_expires_at: DateTime<Utc>,
}

pub fn invitation(i: &InvitationEmail) -> Notice {
    let (da_who, en_who) = match &i.given_by {
        GivenBy::Citizen => (
            format!("{} vil give dig fuldmagt i Træningsportalen.", i.citizen_name),
            format!(
                "{} wants to give you power of attorney in Træningsportalen.",
                i.citizen_name
            ),
        ),
        GivenBy::Municipality { name } => (
            format!(
                "{name} har registreret, at du har fuldmagt for {} (fra en fuldmagt på papir eller et værgemål).",
                i.citizen_name
            ),
            format!(
                "{name} has registered that you hold power of attorney for {} (from a paper power of attorney or a guardianship).",
                i.citizen_name
            ),
        ),
    };
    let body = format!(
        "Til {rel}\n\n{da_who}\n\nDu må:\n{da_scopes}\n\nFuldmagten gælder til og med {da_until}.\n\n\
         Åbn linket og log ind med dit eget MitID for at tage imod:\n{link}\n\n\
         Linket virker til {da_link_until}. Kender du ikke {cit}, så se bort fra denne e-mail.\n\n\
         Denne e-mail er sendt til {rel} ({email}), fordi din adresse blev skrevet i Træningsportalen.\n\n\
         ---\n\n\
         To {rel}\n\n{en_who}\n\nYou may:\n{en_scopes}\n\nThe power of attorney is valid until {en_until}.\n\n\
         Open the link and sign in with your own MitID to accept:\n{link}\n\n\
         The link works until {en_link_until}. If you do not know {cit}, please ignore this email.\n\n\
         This email was sent to {rel} ({email}) because your address was entered in Træningsportalen.\n",
        rel = i.relative_name,
        cit = i.citizen_name,
        email = i.relative_email,
        link = i.link,
        da_scopes = scopes_text(&i.scopes, Lang::Da),
        en_scopes = scopes_text(&i.scopes, Lang::En),
        da_until = long_date(Lang::Da, i.expires_on),
        en_until = long_date(Lang::En, i.expires_on),
        da_link_until = long_date_time(Lang::Da, i.link_expires_at),
        en_link_until = long_date_time(Lang::En, i.link_expires_at),
    );
    Notice {
        subject: "Fuldmagt i Træningsportalen / Power of attorney in Træningsportalen".into(),
        body,
    }
}

/// Who ended a power, as the other side is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndedBy {
    /// The citizen revoked it.
    Citizen,
    /// The relative gave it up.
    Relative,
}

/// Tells `recipient` that the power between `citizen` and `relative` has ended.
pub fn power_ended(
    recipient_name: &str,
    recipient_email: &str,
    citizen_name: &str,
    relative_name: &str,
    ended_by: EndedBy,
) -> Notice {
    let (da, en) = match ended_by {
        EndedBy::Citizen => (
            format!("{citizen_name} har tilbagekaldt fuldmagten til {relative_name}."),
            format!("{citizen_name} has revoked the power of attorney given to {relative_name}."),
        ),
        EndedBy::Relative => (
            format!("{relative_name} har opsagt fuldmagten fra {citizen_name}."),
            format!("{relative_name} has given up the power of attorney from {citizen_name}."),
        ),
    };
    let body = format!(
        "Til {recipient_name}\n\n{da} Den gælder ikke længere, og {relative_name} kan ikke længere handle for {citizen_name} i Træningsportalen.\n\n\
         Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du var part i fuldmagten.\n\n\
         ---\n\n\
         To {recipient_name}\n\n{en} It is no longer valid, and {relative_name} can no longer act for {citizen_name} in Træningsportalen.\n\n\
         This email was sent to {recipient_name} ({recipient_email}) because you were party to the power of attorney.\n"
    );
    Notice {
        subject: "Fuldmagt ophørt / Power of attorney ended".into(),
        body,
    }
}

/// The receipt for an application: its reference and the municipality's promises, or, for one a
/// relative sent, that it waits for the citizen's consent. No details of the application itself.
pub fn application_receipt(
    recipient_name: &str,
    recipient_email: &str,
    reference: &str,
    municipality: &str,
    awaiting_consent: bool,
    promises: &[(String, NaiveDate)],
) -> Notice {
    let next_da = if awaiting_consent {
        "Ansøgningen venter på borgerens samtykke. Den bliver sendt, når borgeren har givet samtykke ved at logge ind med sit eget MitID.".to_string()
    } else if promises.is_empty() {
        format!("{municipality} kontakter dig.")
    } else {
        promises
            .iter()
            .map(|(name, due)| format!("{name}: senest {}", long_date(Lang::Da, *due)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let next_en = if awaiting_consent {
        "The application waits for the citizen's consent. It is sent when the citizen has consented by signing in with their own MitID.".to_string()
    } else {
        format!("{municipality} will contact you; the dates are on the receipt page in the portal.")
    };
    let body = format!(
        "Til {recipient_name}\n\nTak for ansøgningen om vedligeholdende træning til {municipality}.\n\
         Referencenummer: {reference}\n\n{next_da}\n\n\
         Du kan se ansøgningen, når du logger ind i Træningsportalen.\n\n\
         Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du sendte ansøgningen.\n\n\
         ---\n\n\
         To {recipient_name}\n\nThank you for the application for maintenance training to {municipality}.\n\
         Reference: {reference}\n\n{next_en}\n\n\
         This email was sent to {recipient_name} ({recipient_email}) because you sent the application.\n"
    );
    Notice {
        subject: format!(
            "Kvittering for ansøgning {reference} / Receipt for application {reference}"
        ),
        body,
    }
}

/// Tells the citizen a decision is waiting in the portal; nothing of the decision itself.
pub fn decision_waiting(recipient_name: &str, recipient_email: &str, municipality: &str) -> Notice {
    Notice {
        subject: "Ny afgørelse i Træningsportalen / New decision in Træningsportalen".into(),
        body: format!(
            "Til {recipient_name}\n\n{municipality} har truffet en afgørelse om din ansøgning om vedligeholdende træning. \
             Du kan læse den, når du logger ind i Træningsportalen med MitID.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du har søgt om træning.\n\n---\n\n\
             To {recipient_name}\n\n{municipality} has made a decision on your application for maintenance training. \
             You can read it when you sign in to Træningsportalen with MitID.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because you applied for training.\n"
        ),
    }
}

/// Confirms a booked session, with the municipality's cancellation rule for it in words
/// (`rules_answers::cancellation_text`: "Afmeld senest …", "Afmeld inden …", or no deadline).
pub fn booking_confirmed(
    recipient_name: &str,
    recipient_email: &str,
    starts_at: DateTime<Utc>,
    place: &str,
    deadline_da: &str,
    deadline_en: &str,
) -> Notice {
    Notice {
        subject: "Tid til træning er booket / Training session booked".into(),
        body: format!(
            "Til {recipient_name}\n\nDu er booket til holdtræning {} på {place}. {deadline_da} \
             Du kan se og afmelde dine tider i Træningsportalen.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi tiden blev booket.\n\n---\n\n\
             To {recipient_name}\n\nYou are booked for team training {} at {place}. {deadline_en} \
             You can see and cancel your sessions in Træningsportalen.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because the session was booked.\n",
            long_date_time(Lang::Da, starts_at),
            long_date_time(Lang::En, starts_at),
        ),
    }
}

/// The receipt for a cancellation; a late one says so, and what that means.
pub fn booking_cancelled(
    recipient_name: &str,
    recipient_email: &str,
    starts_at: DateTime<Utc>,
    late: Option<(&str, &str)>,
) -> Notice {
    let (da_late, en_late) = late.map_or((String::new(), String::new()), |(da, en)| {
        (format!(" {da}"), format!(" {en}"))
    });
    Notice {
        subject: "Afbud modtaget / Cancellation received".into(),
        body: format!(
            "Til {recipient_name}\n\nVi har modtaget dit afbud til holdtræning {}.{da_late}\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi tiden blev afmeldt.\n\n---\n\n\
             To {recipient_name}\n\nWe have received your cancellation of team training {}.{en_late}\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because the session was cancelled.\n",
            long_date_time(Lang::Da, starts_at),
            long_date_time(Lang::En, starts_at),
        ),
    }
}

/// The reminder the day before a session, with the municipality's cancellation deadline in words.
pub fn session_reminder(
    recipient_name: &str,
    recipient_email: &str,
    starts_at: DateTime<Utc>,
    place: &str,
    deadline_da: &str,
    deadline_en: &str,
) -> Notice {
    Notice {
        subject: "Påmindelse: træning i morgen / Reminder: training tomorrow".into(),
        body: format!(
            "Til {recipient_name}\n\nDu skal til holdtræning {} på {place}. {deadline_da} \
             Du kan afmelde i Træningsportalen.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du har booket tiden.\n\n---\n\n\
             To {recipient_name}\n\nYou have team training {} at {place}. {deadline_en} \
             You can cancel in Træningsportalen.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because you booked the session.\n",
            long_date_time(Lang::Da, starts_at),
            long_date_time(Lang::En, starts_at),
        ),
    }
}

/// A booking moved by the citizen: the new time with its deadline; the old one cancelled.
pub fn booking_moved(
    recipient_name: &str,
    recipient_email: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    place: &str,
    deadline_da: &str,
    deadline_en: &str,
) -> Notice {
    let confirmed = booking_confirmed(
        recipient_name,
        recipient_email,
        to,
        place,
        deadline_da,
        deadline_en,
    );
    Notice {
        subject: "Tid til træning er flyttet / Training session moved".into(),
        body: format!(
            "Tiden {} er afmeldt. / The session {} is cancelled.\n\n{}",
            long_date_time(Lang::Da, from),
            long_date_time(Lang::En, from),
            confirmed.body
        ),
    }
}

/// The receipt for an absence period: which sessions were cancelled, and which of them late.
pub fn absence_registered(
    recipient_name: &str,
    recipient_email: &str,
    from: NaiveDate,
    to: NaiveDate,
    cancelled: &[(DateTime<Utc>, bool)],
) -> Notice {
    let list = |lang: Lang| {
        if cancelled.is_empty() {
            return lang
                .pick("  (ingen bookede tider)", "  (no booked sessions)")
                .to_string();
        }
        cancelled
            .iter()
            .map(|(t, late)| {
                let note = if *late {
                    lang.pick(" – sent afbud", " – late cancellation")
                } else {
                    ""
                };
                format!("  - {}{note}", long_date_time(lang, *t))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Notice {
        subject: "Fravær registreret / Absence registered".into(),
        body: format!(
            "Til {recipient_name}\n\nVi har registreret dit fravær fra {} til {}. Disse tider er afmeldt:\n{}\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi fraværet blev registreret.\n\n---\n\n\
             To {recipient_name}\n\nWe have registered your absence from {} to {}. These sessions are cancelled:\n{}\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because the absence was registered.\n",
            long_date(Lang::Da, from),
            long_date(Lang::Da, to),
            list(Lang::Da),
            long_date(Lang::En, from),
            long_date(Lang::En, to),
            list(Lang::En),
        ),
    }
}

/// The municipality cancelled a session: told at once, with what follows under its rule.
pub fn session_cancelled_by_municipality(
    recipient_name: &str,
    recipient_email: &str,
    starts_at: DateTime<Utc>,
    place: &str,
    offer_alternative: bool,
) -> Notice {
    let (da_next, en_next) = if offer_alternative {
        (
            "Kommunen finder et andet tidspunkt til dig og kontakter dig.",
            "The municipality will find you another time and contact you.",
        )
    } else {
        (
            "Du kan booke en anden tid i Træningsportalen.",
            "You can book another time in Træningsportalen.",
        )
    };
    Notice {
        subject: "Træning aflyst / Training cancelled".into(),
        body: format!(
            "Til {recipient_name}\n\nKommunen har aflyst holdtræningen {} på {place}. Det tæller ikke som dit afbud. {da_next}\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du var booket til tiden.\n\n---\n\n\
             To {recipient_name}\n\nThe municipality has cancelled the team training {} at {place}. It does not count as your cancellation. {en_next}\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because you were booked for the session.\n",
            long_date_time(Lang::Da, starts_at),
            long_date_time(Lang::En, starts_at),
        ),
    }
}

/// The municipality proposes a new time for a session: it moves only if the citizen accepts.
pub fn session_move_proposed(
    recipient_name: &str,
    recipient_email: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    place: &str,
) -> Notice {
    Notice {
        subject: "Forslag om ny tid / A new time is proposed".into(),
        body: format!(
            "Til {recipient_name}\n\nKommunen foreslår at flytte holdtræningen {} på {place} til {}. \
             Tiden flyttes kun, hvis du siger ja. Svar i Træningsportalen under Træning.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du er booket til tiden.\n\n---\n\n\
             To {recipient_name}\n\nThe municipality proposes to move the team training {} at {place} to {}. \
             The session moves only if you agree. Answer in Træningsportalen under Training.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because you are booked for the session.\n",
            long_date_time(Lang::Da, from),
            long_date_time(Lang::Da, to),
            long_date_time(Lang::En, from),
            long_date_time(Lang::En, to),
        ),
    }
}

/// A place freed on a full session, held for the first on its waiting list until `until`;
/// `link` opens the training page, where the place is taken with one press.
pub fn waiting_list_offer(
    recipient_name: &str,
    recipient_email: &str,
    starts_at: DateTime<Utc>,
    place: &str,
    until: DateTime<Utc>,
    link: &str,
) -> Notice {
    Notice {
        subject: "Der er en plads til dig / A place is free for you".into(),
        body: format!(
            "Til {recipient_name}\n\nDer er en ledig plads på holdtræning {} på {place}. \
             Du står først på ventelisten. Pladsen er holdt til dig til {}.\n\n\
             Tag pladsen eller sig nej tak her: {link}\n\n\
             Tager du den ikke inden da, går den videre til den næste på ventelisten.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi du står på ventelisten.\n\n---\n\n\
             To {recipient_name}\n\nA place is free on team training {} at {place}. \
             You are first on the waiting list. The place is held for you until {}.\n\n\
             Take the place or say no thanks here: {link}\n\n\
             If you do not take it by then, it goes to the next on the waiting list.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because you are on the waiting list.\n",
            long_date_time(Lang::Da, starts_at),
            long_date_time(Lang::Da, until),
            long_date_time(Lang::En, starts_at),
            long_date_time(Lang::En, until),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_names_its_recipient_the_scopes_the_expiry_and_the_link() {
        let n = invitation(&InvitationEmail {
            relative_name: "Jens Østergaard",
            relative_email: "jens@example.dk",
            citizen_name: "Karen Østergaard",
            given_by: GivenBy::Citizen,
            scopes: Scopes {
                view: true,
                book: true,
                ..Scopes::default()
            },
            expires_on: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
            link: "https://portal.example.dk/fuldmagt/abc",
            link_expires_at: DateTime::parse_from_rfc3339("2026-12-07T09:30:00Z")
                .unwrap()
                .to_utc(),
        });
        assert!(n.body.starts_with("Til Jens Østergaard\n"));
        assert!(n.body.contains("Karen Østergaard vil give dig fuldmagt"));
        assert!(n.body.contains("  - se sagen\n  - booke og melde afbud\n"));
        assert!(!n.body.contains("klage"), "no scope not granted");
        assert!(n.body.contains("til og med fredag 31. december 2027"));
        assert!(n
            .body
            .contains("Linket virker til mandag 7. december 2026 kl. 10.30"));
        assert!(n
            .body
            .contains("sendt til Jens Østergaard (jens@example.dk)"));
        assert_eq!(
            n.body
                .matches("https://portal.example.dk/fuldmagt/abc")
                .count(),
            2
        );
        assert!(!n.subject.contains("Karen"), "no names in the subject line");
    }

    #[test]
    fn a_receipt_gives_the_reference_and_the_promised_dates_and_nothing_of_the_application() {
        let n = application_receipt(
            "Inger Thomsen",
            "inger@example.dk",
            "TP-ABCD-EFGH",
            "Brønderslev Kommune",
            false,
            &[(
                "Vi kontakter dig".into(),
                NaiveDate::from_ymd_opt(2026, 4, 13).unwrap(),
            )],
        );
        assert!(n.subject.contains("TP-ABCD-EFGH"));
        assert!(n.body.starts_with("Til Inger Thomsen\n"));
        assert!(n
            .body
            .contains("Vi kontakter dig: senest mandag 13. april 2026"));
        assert!(n
            .body
            .contains("sendt til Inger Thomsen (inger@example.dk)"));
        let waiting =
            application_receipt("Ole", "ole@example.dk", "TP-X", "Samsø Kommune", true, &[]);
        assert!(waiting.body.contains("venter på borgerens samtykke"));
    }

    #[test]
    fn an_ended_power_tells_who_ended_it_and_whom_the_email_is_for() {
        let n = power_ended(
            "Karen Østergaard",
            "karen@example.dk",
            "Karen Østergaard",
            "Jens Østergaard",
            EndedBy::Relative,
        );
        assert!(n.body.starts_with("Til Karen Østergaard\n"));
        assert!(n
            .body
            .contains("Jens Østergaard har opsagt fuldmagten fra Karen Østergaard."));
        assert!(n
            .body
            .contains("sendt til Karen Østergaard (karen@example.dk)"));
    }
}
