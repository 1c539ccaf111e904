//! `#[derive(FromJson, ToJson)]` for the rules core's types. It reads the `#[serde(...)]`
//! attributes the types already carry (`rename_all`, `rename`, `default`, `transparent`), so the
//! wire names are written once and the JSON Schema (schemars, which reads the same attributes)
//! describes exactly what is read.
//!
//! Why not serde's derive: serde generates a visitor per type per deserializer, which in the
//! widget's wasm was the largest single part of the download. The code generated here calls a
//! handful of shared helpers in `sen_core::json` and tracks the JSON Pointer of a problem for
//! free. Structs always refuse unknown fields; `Option` fields may be absent or null. Each
//! struct also lists its keys (`FromJson::keys`), from which the core's field order and wire
//! names are made, so they are never written out by hand.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr};

/// What `#[serde(...)]` says on a type or a field.
#[derive(Default)]
struct Attrs {
    rename_all: Option<String>,
    rename: Option<String>,
    default: bool,
    transparent: bool,
}

fn attrs(list: &[syn::Attribute]) -> syn::Result<Attrs> {
    let mut out = Attrs::default();
    for attr in list.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                out.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("rename") {
                out.rename = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("default") {
                out.default = true;
            } else if meta.path.is_ident("transparent") {
                out.transparent = true;
            } else if meta.path.is_ident("deny_unknown_fields") {
                // Always so: structs refuse unknown fields.
            } else {
                return Err(meta.error("sen-json-derive does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// `some_name` / `SomeName` in the spelling `rename_all` asks for.
fn renamed(ident: &str, rule: Option<&str>) -> syn::Result<String> {
    let words = words(ident);
    Ok(match rule {
        None => ident.to_owned(),
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { capitalised(w) })
            .collect(),
        Some("lowercase") => words.concat(),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_ascii_uppercase(),
        Some("kebab-case") => words.join("-"),
        Some(other) => {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("sen-json-derive does not support rename_all = \"{other}\""),
            ))
        }
    })
}

/// The lower-case words of a snake_case or UpperCamelCase identifier.
fn words(ident: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in ident
        .trim_start_matches("r#")
        .split('_')
        .filter(|p| !p.is_empty())
    {
        let mut word = String::new();
        for c in part.chars() {
            if c.is_ascii_uppercase() && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// Derives `sen_core::json::FromJson`.
#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    implement(&input, Trait::FromJson)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `sen_core::json::ToJson`.
#[proc_macro_derive(ToJson, attributes(serde))]
pub fn derive_to_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    implement(&input, Trait::ToJson)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

enum Trait {
    FromJson,
    ToJson,
}

/// What a type looks like on the wire.
enum Shape {
    /// Unit variants, each a text value.
    Enum(Vec<(syn::Ident, String)>),
    /// A newtype read and written as its one field.
    Transparent,
    /// An object; `default`: absent fields take the type's `Default` values.
    Struct { fields: Vec<Field>, default: bool },
}

fn shape(input: &DeriveInput) -> syn::Result<Shape> {
    let container = attrs(&input.attrs)?;
    Ok(if matches!(input.data, Data::Enum(_)) {
        Shape::Enum(unit_variants(input, &container)?)
    } else if container.transparent {
        Shape::Transparent
    } else {
        Shape::Struct {
            fields: named_fields(input, &container)?,
            default: container.default,
        }
    })
}

fn implement(input: &DeriveInput, which: Trait) -> syn::Result<Tokens> {
    let shape = shape(input)?;
    let ty = &input.ident;
    let (imp, generics, wher) = input.generics.split_for_impl();
    let j = quote!(::sen_core::json);
    Ok(match which {
        Trait::FromJson => {
            let body = from_json(&shape, ty, &j);
            let keys = keys(&shape, &j);
            quote! {
                impl #imp #j::FromJson for #ty #generics #wher {
                    fn from_json(v: &::serde_json::Value, at: #j::At<'_>) -> ::core::result::Result<Self, #j::ReadError> {
                        #body
                    }
                    #keys
                }
            }
        }
        Trait::ToJson => {
            let body = to_json(&shape, ty, &j);
            quote! {
                impl #imp #j::ToJson for #ty #generics #wher {
                    fn to_json(&self) -> ::serde_json::Value {
                        #body
                    }
                }
            }
        }
    })
}

/// A named field: its identifier, type, wire name and whether it defaults when absent.
struct Field {
    ident: syn::Ident,
    ty: syn::Type,
    name: String,
    default: bool,
    /// Declared as `Option<...>`: absent reads as None.
    optional: bool,
}

fn named_fields(input: &DeriveInput, container: &Attrs) -> syn::Result<Vec<Field>> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(input, "expected a struct"));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(input, "expected named fields"));
    };
    fields
        .named
        .iter()
        .map(|f| {
            let a = attrs(&f.attrs)?;
            let ident = f
                .ident
                .clone()
                .ok_or_else(|| syn::Error::new_spanned(f, "expected a named field"))?;
            let name = wire_name(a.rename, &ident, container)?;
            let optional = matches!(&f.ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
            Ok(Field {
                ident,
                ty: f.ty.clone(),
                name,
                default: a.default,
                optional,
            })
        })
        .collect()
}

/// A field's or variant's name on the wire: its own `rename`, else its identifier spelt as the
/// container's `rename_all` asks.
fn wire_name(rename: Option<String>, ident: &syn::Ident, container: &Attrs) -> syn::Result<String> {
    match rename {
        Some(name) => Ok(name),
        None => renamed(&ident.to_string(), container.rename_all.as_deref()),
    }
}

/// Unit variants with their wire names.
fn unit_variants(input: &DeriveInput, container: &Attrs) -> syn::Result<Vec<(syn::Ident, String)>> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(input, "expected an enum"));
    };
    data.variants
        .iter()
        .map(|v| {
            if !matches!(v.fields, Fields::Unit) {
                return Err(syn::Error::new_spanned(
                    v,
                    "only unit variants are supported",
                ));
            }
            let a = attrs(&v.attrs)?;
            Ok((v.ident.clone(), wire_name(a.rename, &v.ident, container)?))
        })
        .collect()
}

/// `FromJson::keys` for a struct: its fields' Rust and wire names in declaration order, then the
/// keys of each field's type. Enums and newtypes have no keys of their own.
fn keys(shape: &Shape, j: &Tokens) -> Tokens {
    let Shape::Struct { fields, .. } = shape else {
        return Tokens::new();
    };
    let rust: Vec<String> = fields
        .iter()
        .map(|f| f.ident.to_string().trim_start_matches("r#").to_owned())
        .collect();
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let types: Vec<&syn::Type> = fields.iter().map(|f| &f.ty).collect();
    quote! {
        fn keys(out: &mut ::std::vec::Vec<(&'static str, &'static str)>) {
            // One slice of static data, not a push per field: smaller in the wasm.
            out.extend_from_slice(&[#((#rust, #names)),*]);
            #(<#types as #j::FromJson>::keys(out);)*
        }
    }
}

fn from_json(shape: &Shape, ty: &syn::Ident, j: &Tokens) -> Tokens {
    match shape {
        Shape::Enum(variants) => from_json_enum(variants, ty, j),
        Shape::Transparent => quote! { #j::FromJson::from_json(v, at).map(#ty) },
        Shape::Struct { fields, default } => from_json_struct(fields, *default, ty, j),
    }
}

fn from_json_enum(variants: &[(syn::Ident, String)], ty: &syn::Ident, j: &Tokens) -> Tokens {
    let names: Vec<&String> = variants.iter().map(|(_, n)| n).collect();
    let idents: Vec<&syn::Ident> = variants.iter().map(|(i, _)| i).collect();
    let index = 0..idents.len();
    quote! {
        match #j::choice(v, at, &[#(#names),*])? {
            #(#index => Ok(#ty::#idents),)*
            _ => Err(#j::ReadError::at(at, #j::Message::new("read.not-a-choice"))),
        }
    }
}

fn from_json_struct(fields: &[Field], defaults_whole: bool, ty: &syn::Ident, j: &Tokens) -> Tokens {
    let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
    let idents: Vec<&syn::Ident> = fields.iter().map(|f| &f.ident).collect();
    let all_optional = fields.iter().all(|f| f.default || f.optional);
    if defaults_whole || all_optional {
        // Start from the defaults (absent optional answers are None) and fill in what is
        // there: one early return, one drop, one small call per field.
        let start = if defaults_whole {
            quote! { <#ty as ::core::default::Default>::default() }
        } else {
            quote! { #ty { #(#idents: ::core::default::Default::default()),* } }
        };
        quote! {
            let map = #j::object(v, at)?;
            let mut out = #start;
            for (key, item) in map {
                let here = #j::At::Key(&at, key);
                match ::std::string::String::as_str(key) {
                    #(#names => #j::fill(&mut out.#idents, item, here)?,)*
                    _ => return Err(#j::unknown(here, key)),
                }
            }
            Ok(out)
        }
    } else {
        let locals: Vec<syn::Ident> = idents
            .iter()
            .map(|i| quote::format_ident!("field_{}", i))
            .collect();
        let finish = fields.iter().zip(&locals).map(|(f, local)| {
            let (ident, name) = (&f.ident, &f.name);
            if f.default || f.optional {
                quote! { #ident: #local.unwrap_or_default() }
            } else {
                quote! { #ident: #j::required(#local, #name, at)? }
            }
        });
        quote! {
            let map = #j::object(v, at)?;
            #(let mut #locals = ::core::option::Option::None;)*
            for (key, item) in map {
                let here = #j::At::Key(&at, key);
                match ::std::string::String::as_str(key) {
                    #(#names => #locals = Some(#j::FromJson::from_json(item, here)?),)*
                    _ => return Err(#j::unknown(here, key)),
                }
            }
            Ok(#ty { #(#finish),* })
        }
    }
}

fn to_json(shape: &Shape, ty: &syn::Ident, j: &Tokens) -> Tokens {
    match shape {
        Shape::Enum(variants) => {
            let arms = variants
                .iter()
                .map(|(ident, name)| quote! { #ty::#ident => #name });
            quote! { ::serde_json::Value::String(::std::string::String::from(match self { #(#arms),* })) }
        }
        Shape::Transparent => quote! { #j::ToJson::to_json(&self.0) },
        Shape::Struct { fields, .. } => {
            let puts = fields.iter().map(|f| {
                let (ident, name) = (&f.ident, &f.name);
                quote! { #j::put(&mut map, #name, &self.#ident); }
            });
            quote! {
                let mut map = ::serde_json::Map::new();
                #(#puts)*
                ::serde_json::Value::Object(map)
            }
        }
    }
}
