import { parseEncounter } from "./app/coding/encounter";
console.log(JSON.stringify(parseEncounter({ setting: "x", dateOfService: "2025-02-30", payer: {}, administrations: [{ id: "a", kind: "therapeutic", route: "iv-push", start: "2025-03-04 09:00", drug: { hcpcs: "j1745", dose: { value: -1, unit: "kg" } } }, {id:"a", kind:"hydration", route:"iv-infusion"}] }), null, 1));
