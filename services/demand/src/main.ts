import { runStandalone } from '@hope/platform';
import { demandService } from './demand.service';

// One process per service (distributed mode); adapters are chosen from the environment.
void runStandalone(demandService);
