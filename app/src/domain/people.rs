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
    /// Every role: a page or action for all of a municipality's staff.
    pub const ALL: [StaffRole; 3] = [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];

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

/// One thing a power of attorney can allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    View,
    Apply,
    Book,
    Complain,
    Consents,
    /// Writing to the training unit and reading its answers (issue 19).
    Messages,
}

/// The scopes a power of attorney can carry, each granted separately.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes {
    pub view: bool,
    pub apply: bool,
    pub book: bool,
    pub complain: bool,
    pub consents: bool,
    pub messages: bool,
}

impl Scopes {
    /// What the holder may do, in plain words.
    pub fn labels(&self, lang: super::lang::Lang) -> Vec<String> {
        [
            (self.view, "se sagen", "see the case"),
            (self.apply, "søge", "apply"),
            (self.book, "booke og melde afbud", "book and cancel"),
            (self.complain, "klage", "complain"),
            (
                self.consents,
                "give og trække samtykker",
                "give and withdraw consents",
            ),
            (
                self.messages,
                "skrive til kommunen",
                "write to the municipality",
            ),
        ]
        .into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, da, en)| lang.pick(da, en).to_string())
        .collect()
    }

    pub fn has(&self, scope: Scope) -> bool {
        match scope {
            Scope::View => self.view,
            Scope::Apply => self.apply,
            Scope::Book => self.book,
            Scope::Complain => self.complain,
            Scope::Consents => self.consents,
            Scope::Messages => self.messages,
        }
    }

    pub fn all() -> Scopes {
        Scopes {
            view: true,
            apply: true,
            book: true,
            complain: true,
            consents: true,
            messages: true,
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

    /// The name of the citizen whose case this viewer is looking at, if any.
    pub fn subject_name(&self) -> Option<&str> {
        match self.kind {
            ViewerKind::Citizen => Some(&self.name),
            ViewerKind::Relative => self.acting_for.as_ref().map(|a| a.name.as_str()),
            ViewerKind::Staff(_) => None,
        }
    }

    /// May this viewer do `scope` on the case of `citizen`: the citizen themself, or a relative
    /// acting for them under a valid power of attorney that carries the scope. (`acting_for` is
    /// only ever set from a power that is accepted, unexpired and unrevoked.) Staff access to
    /// cases is decided by [`Viewer::is_staff_of`].
    pub fn may(&self, citizen: PersonId, scope: Scope) -> bool {
        match self.kind {
            ViewerKind::Citizen => self.person_id == citizen,
            ViewerKind::Relative => self
                .acting_for
                .as_ref()
                .is_some_and(|a| a.citizen_id == citizen && a.scopes.has(scope)),
            ViewerKind::Staff(_) => false,
        }
    }

    pub fn may_view_case_of(&self, citizen: PersonId) -> bool {
        self.may(citizen, Scope::View)
    }

    /// Is this viewer staff of `municipality` in one of `roles`?
    pub fn is_staff_of(&self, municipality: &str, roles: &[StaffRole]) -> bool {
        match &self.kind {
            ViewerKind::Staff(role) => {
                roles.contains(role) && self.municipality.as_deref() == Some(municipality)
            }
            _ => false,
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
    fn a_relative_may_do_only_what_the_power_carries() {
        let only_view = ActingFor {
            citizen_id: 7,
            name: "B".into(),
            scopes: Scopes {
                view: true,
                ..Scopes::default()
            },
        };
        let v = viewer(ViewerKind::Relative, Some(only_view));
        assert!(v.may(7, Scope::View));
        for s in [Scope::Apply, Scope::Book, Scope::Complain, Scope::Consents] {
            assert!(!v.may(7, s), "{s:?}");
        }
        assert!(!v.may(8, Scope::View), "another citizen");
    }

    #[test]
    fn staff_act_only_in_their_own_municipality_and_role() {
        let mut v = viewer(ViewerKind::Staff(StaffRole::Visitator), None);
        v.municipality = Some("vejen".into());
        assert!(v.is_staff_of("vejen", &[StaffRole::Visitator, StaffRole::Admin]));
        assert!(!v.is_staff_of("samsoe", &[StaffRole::Visitator]));
        assert!(!v.is_staff_of("vejen", &[StaffRole::Therapist]));
        assert!(!viewer(ViewerKind::Citizen, None).is_staff_of("vejen", &[StaffRole::Visitator]));
    }

    #[test]
    fn staff_do_not_see_cases_through_the_citizen_pages() {
        let v = viewer(ViewerKind::Staff(StaffRole::Therapist), None);
        assert!(!v.may_view_case_of(1));
        assert_eq!(v.subject_citizen(), None);
    }
}
