export { demandService } from './demand.service';
