#ifndef PARTYDESK_CNCURSESW_SHIM_H
#define PARTYDESK_CNCURSESW_SHIM_H
// SwiftPM drops the -D flags of ncursesw.pc; without these the wide-character API is missing.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals and macros Swift cannot import (or rejects as not concurrency-safe).
static inline WINDOW *pd_stdscr(void) { return stdscr; }
static inline int pd_lines(void) { return LINES; }
static inline int pd_cols(void) { return COLS; }
static inline int pd_colors(void) { return COLORS; }
static inline int pd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t pd_a_normal(void) { return A_NORMAL; }
static inline attr_t pd_a_bold(void) { return A_BOLD; }
static inline attr_t pd_a_dim(void) { return A_DIM; }
static inline attr_t pd_a_reverse(void) { return A_REVERSE; }
static inline attr_t pd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pd_color_pair(int n) { return COLOR_PAIR(n); }
static inline int pd_key_f(int n) { return KEY_F(n); }
#endif
