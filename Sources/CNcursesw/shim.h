// ncursesw for Swift: wide-character curses, with the globals and macros Swift cannot import
// wrapped in functions.
#ifndef PAIL_CNCURSESW_SHIM_H
#define PAIL_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// Columns a character takes in the current locale (-1 for non-printable ones).
static inline int cn_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/// Switches character handling (LC_CTYPE only: numbers and messages stay as they are) to UTF-8: the
/// user's locale if it is UTF-8, else C.UTF-8; 1 on success.
static inline int cn_use_utf8_locale(void) {
    const char *chosen = setlocale(LC_CTYPE, "");
    if (chosen != NULL && MB_CUR_MAX > 1) return 1;
    return setlocale(LC_CTYPE, "C.UTF-8") != NULL;
}

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }

/// Sets the attributes and colour pair for what is written next on the standard screen.
static inline int cn_set_style(attr_t attributes, int pair) { return attr_set(attributes, (short)pair, NULL); }

/// Key codes Swift does not import as constants.
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_f0(void) { return KEY_F0; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_mouse(void) { return KEY_MOUSE; }

/// Mouse buttons: presses of the left button and the wheel (buttons 4 and 5).
static inline mmask_t cn_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int cn_is_left_press(mmask_t state) { return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int cn_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int cn_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

#endif
