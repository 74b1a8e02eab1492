//! Who is signed in, whom they act for, and what they may see.
use serde::{Deserialize, Serialize};

pub type PersonId = i64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffRole {
    Visitator,
    Therapist,
    Admin,
}

impl StaffRole {
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Visitator => "visitator",
            StaffRole::Therapist => "therapist",
            StaffRole::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<StaffRole> {
        match code {
            "visitator" => Some(StaffRole::Visitator),
            "therapist" => Some(StaffRole::Therapist),
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }

    pub fn label(self, lang: super::lang::Lang) -> &'static str {
        match self {
            StaffRole::Visitator => lang.pick("Visitator", "Caseworker"),
            StaffRole::Therapist => lang.pick("Terapeut", "Therapist"),
            StaffRole::Admin => lang.pick("Administrator", "Administrator"),
        }
    }
}

/// The scopes a power of attorney can carry, each granted separately.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes {
    pub view: bool,
    pub apply: bool,
    pub book: bool,
    pub complain: bool,
    pub consents: bool,
}

impl Scopes {
    pub fn all() -> Scopes {
        Scopes {
            view: true,
            apply: true,
            book: true,
            complain: true,
            consents: true,
        }
    }
}

/// A citizen someone may act for, as shown in the header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActingFor {
    pub citizen_id: PersonId,
    pub name: String,
    pub scopes: Scopes,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ViewerKind {
    Citizen,
    /// A relative or other holder of a power of attorney; `acting_for` is set while they act.
    Relative,
    Staff(StaffRole),
}

/// The signed-in person for this request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub person_id: PersonId,
    pub name: String,
    pub kind: ViewerKind,
    /// A citizen's home municipality, or the municipality a staff member works for.
    pub municipality: Option<String>,
    /// Set for a relative acting for a citizen under a valid power of attorney.
    pub acting_for: Option<ActingFor>,
}

impl Viewer {
    /// The citizen whose case this viewer is looking at, if any.
    pub fn subject_citizen(&self) -> Option<PersonId> {
        match self.kind {
            ViewerKind::Citizen => Some(self.person_id),
            ViewerKind::Relative => self.acting_for.as_ref().map(|a| a.citizen_id),
            ViewerKind::Staff(_) => None,
        }
    }

    /// May this viewer see the case of `citizen`? Staff access to cases is decided per municipality.
    pub fn may_view_case_of(&self, citizen: PersonId) -> bool {
        match self.kind {
            ViewerKind::Citizen => self.person_id == citizen,
            ViewerKind::Relative => self
                .acting_for
                .as_ref()
                .is_some_and(|a| a.citizen_id == citizen && a.scopes.view),
            ViewerKind::Staff(_) => false,
        }
    }

    pub fn is_staff(&self) -> bool {
        matches!(self.kind, ViewerKind::Staff(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(kind: ViewerKind, acting_for: Option<ActingFor>) -> Viewer {
        Viewer {
            person_id: 1,
            name: "A".into(),
            kind,
            municipality: None,
            acting_for,
        }
    }

    #[test]
    fn a_citizen_sees_only_their_own_case() {
        let v = viewer(ViewerKind::Citizen, None);
        assert!(v.may_view_case_of(1));
        assert!(!v.may_view_case_of(2));
        assert_eq!(v.subject_citizen(), Some(1));
    }

    #[test]
    fn a_relative_sees_the_citizen_only_with_the_view_scope() {
        let with = ActingFor {
            citizen_id: 7,
            name: "B".into(),
            scopes: Scopes::all(),
        };
        let without = ActingFor {
            scopes: Scopes {
                view: false,
                ..Scopes::all()
            },
            ..with.clone()
        };
        assert!(viewer(ViewerKind::Relative, Some(with)).may_view_case_of(7));
        assert!(!viewer(ViewerKind::Relative, Some(without)).may_view_case_of(7));
        assert!(!viewer(ViewerKind::Relative, None).may_view_case_of(7));
        assert!(!viewer(ViewerKind::Relative, None).may_view_case_of(1));
    }

    #[test]
    fn staff_do_not_see_cases_through_the_citizen_pages() {
        let v = viewer(ViewerKind::Staff(StaffRole::Therapist), None);
        assert!(!v.may_view_case_of(1));
        assert_eq!(v.subject_citizen(), None);
    }
}
