"""The Qt view of the emotion-faces game: a face appears (in the context part under a one-line situation); keys
1-4 (or the buttons) name its emotion. A blank of `iti_ms` separates the faces; there is no right/wrong feedback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from games.core import Emission, IgnoreReason
from games.faces.params import FacesParams
from games.faces.rules import FacesRules
from games.faces.stimuli import geometry
from games.faces.widgets import FaceCanvas
from games.trialkit.fields import InputKind
from games.trialkit.view import KeyHandler, TrialGameView
from games.trialkit.widgets import StampButton
from i18n import N_, _

__all__ = ["FacesView", "emotion_word"]

EMOTION_WORDS = {"happy": N_("happy"), "sad": N_("sad"), "angry": N_("angry"), "surprised": N_("surprised"),
                 "fearful": N_("fearful"), "disgusted": N_("disgusted"), "neutral": N_("neutral")}


def emotion_word(emotion: str) -> str:
    """An emotion's word in the candidate's language (a word outside the catalogue is shown as it is)."""
    return _(EMOTION_WORDS.get(emotion, emotion))


class FacesView(TrialGameView):
    """One emotion-faces game."""

    trial_noun = (N_("Face {number} of {total}"), N_("Face {number}"))

    def make_rules(self, params: FacesParams, seed: int) -> FacesRules:
        return FacesRules(params, seed)

    def make_canvas(self) -> FaceCanvas:
        return FaceCanvas()

    @property
    def faces_rules(self) -> FacesRules:
        """The rules, typed."""
        assert isinstance(self.rules, FacesRules)
        return self.rules

    @property
    def face_canvas(self) -> FaceCanvas:
        """The canvas, typed."""
        assert isinstance(self.canvas, FaceCanvas)
        return self.canvas

    @property
    def emotions(self) -> tuple[str, ...]:
        """The answers, in key order (1, 2, ...)."""
        return tuple(self.params.emotions)

    def trial_total(self) -> int:
        return len(self.faces_rules.plan)

    def make_controls(self) -> list[StampButton]:
        return [self.connect_button(StampButton(f"{n + 1}  {emotion_word(e).capitalize()}", f"answer_{e}"),
                                    self._answer(e)) for n, e in enumerate(self.params.emotions)]

    def hint_text(self) -> str:
        keys = "    ".join(f"{n + 1} = {emotion_word(e)}" for n, e in enumerate(self.params.emotions))
        return _("Which emotion does the face show?    Keys:  {keys}").format(keys=keys)

    def key_handler(self, key: int) -> KeyHandler | None:
        n = key - int(Qt.Key.Key_1)
        return self._answer(self.emotions[n]) if 0 <= n < len(self.emotions) else None

    def _answer(self, emotion: str) -> KeyHandler:
        def answer(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            self.apply(self.faces_rules.respond(self.state, emotion, self.now(t_perf), source, key, qt_ms))
            return None

        return answer

    def show_trial(self, trial: int) -> None:
        plan = self.faces_rules.plan[trial]
        if plan.file is not None:
            image = QPixmap(str(Path(str(self.params.stimulus_dir)) / plan.file))
            self.face_canvas.show_face(None, image, plan.context)
        else:
            self.face_canvas.show_face(geometry(plan.emotion, plan.intensity), None, plan.context)
        self.note.setText(_("How does this person feel?") if plan.context else "")

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        self.face_canvas.blank()
        return int(self.params.iti_ms)

    def end_text(self) -> str:
        return _("All faces done. Thank you.")
