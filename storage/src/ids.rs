//! Typed ids read out of nullable columns.
//!
//! The domain's id types carry no sqlx traits (the domain knows no database), so rows read them
//! with `#[sqlx(try_from = "i64")]`. A nullable column needs a decodable intermediate that is
//! ours: [`NullableId`], read as `Option<i64>` and turned into `Option<SomeId>`.

use sqlx::{Database, Decode, Type};

/// A nullable integer key, for `#[sqlx(try_from = "crate::ids::NullableId")]` on an
/// `Option<SomeId>` field.
#[derive(Debug, Clone, Copy)]
pub struct NullableId(Option<i64>);

impl<DB: Database> Type<DB> for NullableId
where
    i64: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: Database> Decode<'r, DB> for NullableId
where
    Option<i64>: Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        <Option<i64> as Decode<'r, DB>>::decode(value).map(NullableId)
    }
}

impl<T: From<i64>> From<NullableId> for Option<T> {
    fn from(n: NullableId) -> Option<T> {
        n.0.map(T::from)
    }
}
