// JavaScript engine worker: builds the engine and exposes it over Comlink. Nothing else lives here.
import { expose } from 'comlink';
import { JavaScriptEngine } from '../src/engines/javascript-engine';

expose(new JavaScriptEngine());
