//! Long lists drawn a piece at a time: how many of a list's items to show, the first piece at
//! once and one more piece at each turn of the browser's event loop (a `setTimeout` of 0), so
//! that the browser paints and answers keys and clicks between pieces and no task is long. The
//! items are in the document from the start: only their drawing waits. Printing draws every
//! item at once (the browser's `beforeprint`, and [`draw_all`] before the widget's own print),
//! so a printed page is never missing the items still waiting.

use std::cell::RefCell;

use leptos::prelude::*;

/// Items drawn in the task that opens a page, and in each task after it.
pub const PIECE: usize = 20;

/// A list being drawn: how many of its items are shown, and how many it has.
type Growing = (RwSignal<usize>, Signal<usize>);

thread_local! {
    /// The lists drawn a piece at a time that are still on a page.
    static LISTS: RefCell<Vec<Growing>> = const { RefCell::new(Vec::new()) };
}

/// Shows every item of every list still being drawn (before printing). Whether any was
/// waiting: the items are then drawn in the microtasks after this task, before the next.
pub fn draw_all() -> bool {
    let lists = LISTS.with(|l| std::mem::take(&mut *l.borrow_mut()));
    lists
        .into_iter()
        .fold(false, |any, list| finish(list) | any)
}

/// Shows all of a list's items now; whether any was waiting.
fn finish((shown, len): Growing) -> bool {
    match (shown.try_get_untracked(), len.try_get_untracked()) {
        (Some(now), Some(total)) if now < total => {
            shown.set(total);
            true
        }
        _ => false,
    }
}

/// How many of `len` items to draw now. It grows by [`PIECE`] a task until it reaches `len`,
/// and grows again when `len` does (rows pasted in, a row added); it never shrinks, so a
/// removed item does not hold the rest back. Stops when the component is gone.
pub fn drawn(len: Signal<usize>) -> Signal<usize> {
    let shown = RwSignal::new(PIECE);
    let pending = StoredValue::new(false);
    LISTS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|(s, _)| s.try_get_untracked().is_some());
        l.push((shown, len));
    });
    // Printed (the browser's print or a print to PDF), every item is there.
    let printing = window_event_listener_untyped("beforeprint", move |_| {
        finish((shown, len));
    });
    on_cleanup(move || printing.remove());
    Effect::new(move |_| {
        let total = len.get();
        if shown.get_untracked() < total && !pending.get_value() {
            pending.set_value(true);
            grow(shown, len, pending);
        }
    });
    Signal::derive(move || shown.get().min(len.get()))
}

/// The items of a list to draw now, each with its place, for a keyed `For`: the first pieces
/// of `items` as [`drawn`] lets them grow. Each piece is drawn after the ones before it, which
/// are left as they are, so the keyboard order is the list's.
pub fn pieces<T>(items: Memo<Vec<T>>) -> Signal<Vec<(usize, T)>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let now = drawn(Signal::derive(move || items.with(Vec::len)));
    Signal::derive(move || {
        items.with(|all| all.iter().take(now.get()).cloned().enumerate().collect())
    })
}

fn grow(shown: RwSignal<usize>, len: Signal<usize>, pending: StoredValue<bool>) {
    set_timeout(
        move || {
            let (Some(now), Some(total)) = (shown.try_get_untracked(), len.try_get_untracked())
            else {
                return;
            };
            if now >= total {
                pending.try_set_value(false);
                return;
            }
            shown.set(now.saturating_add(PIECE));
            grow(shown, len, pending);
        },
        std::time::Duration::ZERO,
    );
}
