// Entry point of `cdk synth` / `cdk deploy` (see cdk.json).
import { buildApp } from '../lib/app.js';

buildApp().app.synth();
