//! The page's own microphone capture, for recognizers that listen to a track (`start(MediaStreamTrack)`): one
//! `getUserMedia` stream with echo cancellation on, an `AnalyserNode` that measures its level once per animation
//! frame, and the track handed to the recognizer.
//!
//! Like [`RecognitionSession`](super::recognition::RecognitionSession), a [`MicCapture`] owns what it opened:
//! dropping it stops the track, closes the `AudioContext` and cancels the frame loop. It also stops the track when
//! the page goes away (`pagehide`), so the browser's "microphone in use" indicator never outlives the page.
//!
//! MDN: <https://developer.mozilla.org/docs/Web/API/SpeechRecognition/start>.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AnalyserNode, AudioContext, MediaStream, MediaStreamConstraints, MediaStreamTrack, MediaStreamTrackState};

use super::capabilities::prototype_has;
use super::recognition::describe;
use super::synthesis::Listener;

/// The analyser's window: 256 samples (~5 ms at 48 kHz) are plenty for a level meter.
const FFT_SIZE: u32 = 256;

/// The quietest level the meter shows, in dBFS; silence and room noise sit below it.
pub const FLOOR_DB: f64 = -60.0;

/// Whether recognizers here take a track, so the hook may capture the microphone itself.
///
/// There is no direct feature test for `start(MediaStreamTrack)`: the overload leaves `start.length` at 0 and an
/// unsupported browser ignores the argument (and starts listening). The spec's editors suggest tying it to a member
/// that shipped with or after it (w3c/web-speech-api issue #126); Chromium shipped the track overload in version
/// 135 and `processLocally` in 139, so `processLocally` on the recognizer's prototype means a track is taken. The
/// page also needs `getUserMedia` and `AudioContext` for its own capture.
pub fn track_input_supported() -> bool {
    prototype_has("processLocally") && get_user_media_available() && audio_context_available()
}

fn get_user_media_available() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let devices = Reflect::get(&window.navigator(), &"mediaDevices".into()).unwrap_or(JsValue::UNDEFINED);
    devices.is_object() && Reflect::get(&devices, &"getUserMedia".into()).is_ok_and(|f| f.is_function())
}

fn audio_context_available() -> bool {
    web_sys::window()
        .and_then(|window| Reflect::get(&window, &"AudioContext".into()).ok())
        .is_some_and(|constructor| constructor.is_function())
}

/// Why the hook could not capture the microphone itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptureError {
    /// The person (or a browser policy) refused the microphone.
    #[error("microphone permission refused")]
    Denied,
    /// No microphone is connected.
    #[error("no microphone found")]
    NoMicrophone,
    /// Another program holds the microphone.
    #[error("the microphone is busy")]
    Busy,
    /// Anything else, with the browser's words.
    #[error("capture failed: {0}")]
    Failed(String),
}

impl CaptureError {
    /// Read a `getUserMedia` rejection (a `DOMException` named for what went wrong).
    pub fn from_exception_name(name: &str, message: &str) -> Self {
        match name {
            "NotAllowedError" | "SecurityError" => Self::Denied,
            "NotFoundError" | "OverconstrainedError" => Self::NoMicrophone,
            "NotReadableError" | "AbortError" => Self::Busy,
            _ => Self::Failed(if message.is_empty() { name.to_string() } else { format!("{name}: {message}") }),
        }
    }

    /// A sentence for the page: what happened, and that voice search goes on without the meter.
    pub fn message(&self) -> &'static str {
        match self {
            Self::Denied => {
                "Hark was not allowed to use the microphone itself, so there is no level meter. Voice search still \
                 works if the browser lets the recognizer listen."
            }
            Self::NoMicrophone => "No microphone was found for the level meter. Voice search will try without it.",
            Self::Busy => "The microphone is busy in another program, so there is no level meter.",
            Self::Failed(_) => "The microphone level could not be shown. Voice search goes on without it.",
        }
    }
}

/// How loud `samples` (unsigned 8-bit PCM around 128, as `getByteTimeDomainData` fills them) are, 0–100: the RMS
/// level in dBFS mapped linearly from [`FLOOR_DB`] (0) to 0 dBFS (100), so quiet speech still moves the meter.
pub fn level_from_samples(samples: &[u8]) -> u8 {
    if samples.is_empty() {
        return 0;
    }
    let sum: f64 = samples.iter().map(|&s| ((f64::from(s) - 128.0) / 128.0).powi(2)).sum();
    let rms = (sum / samples.len() as f64).sqrt();
    if rms <= 0.0 {
        return 0;
    }
    let db = 20.0 * rms.log10();
    (((db - FLOOR_DB) / -FLOOR_DB).clamp(0.0, 1.0) * 100.0).round() as u8
}

/// The track and the audio graph that measures it, shared with the `pagehide` listener.
struct Audio {
    track: MediaStreamTrack,
    context: AudioContext,
}

impl Audio {
    fn release(&self) {
        self.track.stop();
        let _ = self.context.close();
    }
}

/// The frame loop's closure, shared so that it can ask for the next frame itself.
type FrameLoop = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// A live microphone capture. Dropping it stops the track and the level updates.
#[must_use = "dropping the capture stops the microphone"]
pub struct MicCapture {
    audio: Rc<Audio>,
    frame: Rc<Cell<Option<i32>>>,
    tick: FrameLoop,
    _pagehide: Option<Listener>,
}

impl MicCapture {
    /// Ask for the microphone (echo cancellation on) and measure its level, calling `on_level` (0–100) once per
    /// animation frame until the capture is dropped.
    pub async fn open(on_level: impl Fn(u8) + 'static) -> Result<Self, CaptureError> {
        let window = web_sys::window().ok_or_else(|| CaptureError::Failed("no window".into()))?;
        let devices = window.navigator().media_devices().map_err(failed)?;
        let audio = Object::new();
        Reflect::set(&audio, &"echoCancellation".into(), &JsValue::TRUE).map_err(failed)?;
        let constraints = MediaStreamConstraints::new();
        constraints.set_audio(&audio);
        let promise = devices.get_user_media_with_constraints(&constraints).map_err(rejected)?;
        let stream: MediaStream = JsFuture::from(promise).await.map_err(rejected)?.unchecked_into();
        let Some(track) = stream.get_audio_tracks().get(0).dyn_into::<MediaStreamTrack>().ok() else {
            return Err(CaptureError::NoMicrophone);
        };
        let context = match AudioContext::new() {
            Ok(context) => context,
            Err(error) => {
                track.stop();
                return Err(failed(error));
            }
        };
        // A context made outside a click may start suspended (autoplay rules): the meter would stay at 0.
        let _ = context.resume();
        let audio = Rc::new(Audio { track, context });
        let analyser = match connect_analyser(&audio.context, &stream) {
            Ok(analyser) => analyser,
            Err(error) => {
                audio.release();
                return Err(failed(error));
            }
        };
        let pagehide = {
            let audio = audio.clone();
            Listener::new(window.as_ref(), &["pagehide"], move |_| audio.release()).ok()
        };
        let capture = Self { audio, frame: Rc::default(), tick: Rc::default(), _pagehide: pagehide };
        capture.measure(analyser, on_level);
        Ok(capture)
    }

    /// The track to give the recognizer, while it is live.
    pub fn live_track(&self) -> Option<MediaStreamTrack> {
        // `Clone::clone`, not the inherent `MediaStreamTrack::clone`: that one makes a second live track.
        (self.audio.track.ready_state() == MediaStreamTrackState::Live).then(|| Clone::clone(&self.audio.track))
    }

    /// Start the frame loop: read the analyser, report the level, ask for the next frame.
    fn measure(&self, analyser: AnalyserNode, on_level: impl Fn(u8) + 'static) {
        let frame = self.frame.clone();
        // The closure asks for itself again through a weak link: once the capture drops it, the loop ends.
        let tick = Rc::downgrade(&self.tick);
        let mut samples = vec![128u8; FFT_SIZE as usize];
        let step = Closure::<dyn FnMut()>::new(move || {
            analyser.get_byte_time_domain_data(&mut samples);
            on_level(level_from_samples(&samples));
            if let Some(tick) = tick.upgrade() {
                frame.set(tick.borrow().as_ref().and_then(request_frame));
            }
        });
        self.frame.set(request_frame(&step));
        *self.tick.borrow_mut() = Some(step);
    }
}

impl Drop for MicCapture {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.frame.take(), web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
        self.tick.borrow_mut().take();
        self.audio.release();
    }
}

fn request_frame(step: &Closure<dyn FnMut()>) -> Option<i32> {
    web_sys::window()?.request_animation_frame(step.as_ref().unchecked_ref()).ok()
}

fn connect_analyser(context: &AudioContext, stream: &MediaStream) -> Result<AnalyserNode, JsValue> {
    let source = context.create_media_stream_source(stream)?;
    let analyser = context.create_analyser()?;
    analyser.set_fft_size(FFT_SIZE);
    source.connect_with_audio_node(&analyser)?;
    Ok(analyser)
}

fn rejected(error: JsValue) -> CaptureError {
    let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let message = Reflect::get(&error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
    if name.is_empty() {
        failed(error)
    } else {
        CaptureError::from_exception_name(&name, &message)
    }
}

fn failed(error: JsValue) -> CaptureError {
    CaptureError::Failed(describe(&error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_is_zero_and_a_full_scale_square_wave_is_a_hundred() {
        assert_eq!(level_from_samples(&[128; 256]), 0);
        assert_eq!(level_from_samples(&[]), 0);
        let square: Vec<u8> = (0..256).map(|i| if i % 2 == 0 { 0 } else { 255 }).collect();
        assert!(level_from_samples(&square) >= 99);
    }

    #[test]
    fn quiet_speech_moves_the_meter_and_louder_is_higher() {
        // Amplitude 4/128 ≈ -30 dBFS: half way up.
        let quiet: Vec<u8> = (0..256).map(|i| if i % 2 == 0 { 124 } else { 132 }).collect();
        let loud: Vec<u8> = (0..256).map(|i| if i % 2 == 0 { 96 } else { 160 }).collect();
        let (quiet, loud) = (level_from_samples(&quiet), level_from_samples(&loud));
        assert!((45..=55).contains(&quiet), "quiet {quiet}");
        assert!(loud > quiet + 20, "loud {loud}, quiet {quiet}");
    }

    #[test]
    fn refusals_are_named_for_what_the_person_can_do() {
        assert_eq!(CaptureError::from_exception_name("NotAllowedError", "Permission denied"), CaptureError::Denied);
        assert_eq!(CaptureError::from_exception_name("NotFoundError", ""), CaptureError::NoMicrophone);
        assert_eq!(CaptureError::from_exception_name("NotReadableError", ""), CaptureError::Busy);
        assert_eq!(
            CaptureError::from_exception_name("TypeError", "bad"),
            CaptureError::Failed("TypeError: bad".into())
        );
        assert!(CaptureError::Denied.message().contains("not allowed"));
    }
}
