//! The emails of a hearing and a termination. They say that something is waiting in the portal
//! and by when; the facts and the reasons stay in the portal (no health or attendance details
//! by email).
use super::notices::Notice;
use chrono::{DateTime, NaiveDate, Utc};

fn footer(name: &str, email: &str) -> (String, String) {
    (
        format!("Denne e-mail er sendt til {name} ({email}), fordi du har et træningsforløb eller handler for en, der har."),
        format!("This email was sent to {name} ({email}) because you have a course of training or act for someone who has."),
    )
}

/// The hearing letter is waiting: the municipality considers ending the course and asks first.
pub fn hearing_letter(
    name: &str,
    email: &str,
    municipality: &str,
    due_da: &str,
    due_en: &str,
) -> Notice {
    let (f_da, f_en) = footer(name, email);
    Notice {
        subject: "Partshøring: kommunen vil høre dig om dit træningsforløb / Hearing about your course of training".into(),
        body: format!(
            "Til {name}\n\n{municipality} overvejer at afslutte dit træningsforløb og vil høre dig, før der træffes en afgørelse. \
             Læs brevet i Træningsportalen, når du logger ind med MitID. Du kan svare i portalen eller ringe til kommunen senest {due_da}. \
             Du behøver ikke at svare.\n\n{f_da}\n\n---\n\n\
             To {name}\n\n{municipality} is considering ending your course of training and wants to hear from you before deciding. \
             Read the letter in Træningsportalen when you sign in with MitID. You can answer in the portal or call the municipality by {due_en}. \
             You do not have to answer.\n\n{f_en}\n"
        ),
    }
}

/// The answer is received.
pub fn answer_received(name: &str, email: &str, municipality: &str) -> Notice {
    let (f_da, f_en) = footer(name, email);
    Notice {
        subject: "Dit svar i partshøringen er modtaget / Your answer to the hearing is received".into(),
        body: format!(
            "Til {name}\n\n{municipality} har modtaget svaret i partshøringen om dit træningsforløb. Kommunen tager det med, når den træffer sin afgørelse. \
             Du kan se svaret i Træningsportalen.\n\n{f_da}\n\n---\n\n\
             To {name}\n\n{municipality} has received the answer to the hearing about your course of training. The municipality takes it into account when it decides. \
             You can see the answer in Træningsportalen.\n\n{f_en}\n"
        ),
    }
}

/// The course continues after the hearing.
pub fn course_continues(name: &str, email: &str, municipality: &str) -> Notice {
    let (f_da, f_en) = footer(name, email);
    Notice {
        subject: "Dit træningsforløb fortsætter / Your course of training continues".into(),
        body: format!(
            "Til {name}\n\n{municipality} har besluttet, at dit træningsforløb fortsætter. Dine bookede tider gælder stadig.\n\n{f_da}\n\n---\n\n\
             To {name}\n\n{municipality} has decided that your course of training continues. Your booked sessions still stand.\n\n{f_en}\n"
        ),
    }
}

/// A termination decision is made: the last training day, and the sessions after it that the
/// municipality has cancelled (they do not count against the citizen).
pub fn course_ends(
    name: &str,
    email: &str,
    municipality: &str,
    last_day: NaiveDate,
    cancelled: &[DateTime<Utc>],
    published: bool,
) -> Notice {
    use super::lang::Lang;
    use super::time_format::{long_date, long_date_time};
    let (f_da, f_en) = footer(name, email);
    let list = |lang: Lang| -> String {
        cancelled
            .iter()
            .map(|at| format!("- {}\n", long_date_time(lang, *at)))
            .collect()
    };
    let (read_da, read_en) = if published {
        (
            "Du kan læse afgørelsen med begrundelse og klagevejledning i Træningsportalen, når du logger ind med MitID.",
            "You can read the decision with its reasons and complaint guidance in Træningsportalen when you sign in with MitID.",
        )
    } else {
        (
            "Du får afgørelsen med begrundelse og klagevejledning som brev eller ved personlig udlevering.",
            "You will get the decision with its reasons and complaint guidance as a letter or by hand.",
        )
    };
    let (cancelled_da, cancelled_en) = if cancelled.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("Kommunen har aflyst dine tider efter den sidste træningsdag. Aflysningerne tæller ikke som dine afbud:\n{}\n", list(Lang::Da)),
            format!("The municipality has cancelled your sessions after the last training day. They do not count as your cancellations:\n{}\n", list(Lang::En)),
        )
    };
    Notice {
        subject: "Afgørelse om dit træningsforløb / Decision on your course of training".into(),
        body: format!(
            "Til {name}\n\n{municipality} har truffet afgørelse om at afslutte dit træningsforløb. Den sidste træningsdag er {}. {read_da}\n\n{cancelled_da}{f_da}\n\n---\n\n\
             To {name}\n\n{municipality} has decided to end your course of training. The last training day is {}. {read_en}\n\n{cancelled_en}{f_en}\n",
            long_date(Lang::Da, last_day),
            long_date(Lang::En, last_day),
        ),
    }
}
