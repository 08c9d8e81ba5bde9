// Trunk post-build hook: the steps after Trunk's own, in this order (module imports run in order).
import './split.mjs';
import './former-pages.mjs';
import './usb-edition.mjs';
import './service-worker.mjs';
