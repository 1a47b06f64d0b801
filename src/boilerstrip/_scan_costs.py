"""What the limits scan (:mod:`_limits`) adds to the depth sum besides the elements' depths,
for work of Lexbor's that makes nothing the other counts see."""

from __future__ import annotations

from typing import Final

# A select's k-th option adds k >> OPTION_WORK_SHIFT to the depth sum: Lexbor reads all
# of a select's options at each new one. Tuned on Lexbor's time (selectolax 1.0.2): an
# option read again costs 9 to 32 ns, a unit of depth sum about 28 ns; at 3, one select
# holds about 5,600 options (0.14 to 0.5 s of parse) before max_depth_sum cuts the page,
# ten times the dev pages' largest (571).
OPTION_WORK_SHIFT: Final = 3
# An end tag that is not the current element's adds the stack's size >> END_WALK_SHIFT: Lexbor
# looks down its open elements for it (an ignored </div> under 990 <span>: 2.2 ns an element,
# 0.4 s a MB), and makes nothing the other counts see.
END_WALK_SHIFT: Final = 4
